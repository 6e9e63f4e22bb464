"""How a rule module becomes a calculator page that runs in the browser: the form generated from
its question declarations, and the runtime (self-hosted Pyodide and the rule archive) copied into
the site."""
