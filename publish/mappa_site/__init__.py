"""Putting the site together: the build steps in order, the navigation, the CSP post-step, the local server, the benchmark and the bank-holiday data generator."""
