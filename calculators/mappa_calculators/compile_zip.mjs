// Build step (run by mappa_calculators.runtime under Node): a zip of Python modules compiled to
// bytecode by the very Pyodide the site ships, so that the browser does not compile them again on
// every first visit: the trimmed standard library (Pyodide's python_stdlib.zip holds source only,
// and compiling the modules its own start-up imports was about three quarters of the engine's
// start: 4.0 s -> 1.1 s under Node) and the rule archive.
//
//   node compile_zip.mjs PYODIDE_DIR IN.zip OUT.zip PREFIX
//
// PREFIX: where the zip will be in the browser's file system (the file names in tracebacks), such
// as /lib/python314.zip/.
// Each `name.py` becomes `name.pyc` (sourceless, unchecked-hash: no time stamp, the same bytes for
// the same source); other files are copied.  The zip is stored, not deflated: the site serves it
// with Brotli or gzip (mappa_site.compress), which makes it smaller on the wire than deflating each
// file, and zipimport then has nothing to inflate.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, input, output, prefix] = process.argv.slice(2);
if (!pyodideDir || !input || !output || !prefix) {
  console.error("usage: node compile_zip.mjs PYODIDE_DIR IN.zip OUT.zip PREFIX");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", stdout: () => {}, stderr: (m) => console.error(m) });
py.FS.writeFile("/tmp/compile-in.zip", new Uint8Array(fs.readFileSync(input)));
py.globals.set("PREFIX", prefix.endsWith("/") ? prefix : prefix + "/");
py.runPython(`
import os, py_compile, zipfile

with zipfile.ZipFile("/tmp/compile-in.zip") as src, zipfile.ZipFile("/tmp/compile-out.zip", "w", zipfile.ZIP_STORED) as out:
    for info in src.infolist():
        name, data = info.filename, src.read(info.filename)
        if name.endswith(".py"):
            source = "/tmp/compile-src/" + name
            os.makedirs(os.path.dirname(source), exist_ok=True)
            with open(source, "wb") as f:
                f.write(data)
            target = py_compile.compile(source, cfile=source + "c", dfile=PREFIX + name, doraise=True,
                                        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            with open(target, "rb") as f:
                name, data = name + "c", f.read()
        entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        entry.external_attr = info.external_attr
        out.writestr(entry, data)
`);
fs.writeFileSync(output, py.FS.readFile("/tmp/compile-out.zip"));
