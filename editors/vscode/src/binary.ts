// Finding the dbls binary before starting the client, so that a missing
// binary is a clear message with a way out rather than a crashed server.
import * as fs from "fs";
import * as path from "path";

/** locate returns the executable dbls.path names, or undefined. */
export function locate(p: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === "win32" ? (env.PATHEXT || ".EXE").split(";") : [""];
  const executable = (f: string) => exts.map((e) => f + e).find((c) => isExecutable(c));
  if (p.includes("/") || p.includes("\\")) return executable(p);
  for (const dir of (env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const found = executable(path.join(dir, p));
    if (found) return found;
  }
  return undefined;
}

function isExecutable(f: string): boolean {
  try {
    const st = fs.statSync(f);
    if (!st.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(f, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
