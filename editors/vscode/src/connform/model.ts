// The connection form's logic, free of VS Code and the DOM: which fields a
// driver's manifest asks for, and the connection object the form's values
// make (as dbls.saveConnection and dbls.testConnection's "config" take it).

/** A driver manifest as dbls.listDrivers answers it (the fields the form uses). */
export interface Manifest {
  id: string;
  name: string;
  default_port?: number;
  capabilities?: { file_based?: boolean; folder?: boolean };
  url_example?: string;
}

export type Field = "path" | "host" | "port" | "user" | "database" | "password" | "password_env" | "readonly" | "tls" | "ssh";

/** fields are the form's sections for a driver: a file, or a server with TLS and SSH. */
export function fields(m: Manifest | undefined): Field[] {
  if (!m) return [];
  if (m.capabilities?.file_based) return ["path", "readonly"];
  return ["host", "port", "user", "database", "password", "password_env", "readonly", "tls", "ssh"];
}

/** pathKind is what a file-based driver's path names: a file, or a folder (the CSV driver). */
export function pathKind(m: Manifest | undefined): "file" | "folder" {
  return m?.capabilities?.folder ? "folder" : "file";
}

/** Values are the form's inputs by name ("tls.mode", "ssh.host"…), as typed. */
export type Values = Record<string, string | boolean | undefined>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** validate returns what is wrong with the values, or "" when they can be tested and saved. */
export function validate(m: Manifest | undefined, v: Values): string {
  if (!m) return "choose a driver";
  if (!NAME.test(String(v.name || ""))) return "a name of letters, digits, '.', '_' or '-'";
  const f = fields(m);
  if (f.includes("path") && !str(v.path)) return pathKind(m) === "folder" ? "the database folder" : "the database file";
  if (f.includes("host") && !str(v.host)) return "the host";
  if (str(v.port) && !/^\d{1,5}$/.test(str(v.port)!)) return "the port is a number";
  if (str(v.password) && str(v.password_env)) return "a password or an environment variable, not both";
  if (str(v["ssh.host"]) && !str(v["ssh.user"])) return "the SSH user";
  return "";
}

/** connection builds the object to send, leaving out what was left empty. */
export function connection(m: Manifest, v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = { name: str(v.name), driver: m.id };
  const f = fields(m);
  for (const k of ["path", "host", "user", "database", "password", "password_env"] as const) {
    if (f.includes(k) && str(v[k])) out[k] = str(v[k]);
  }
  if (f.includes("port") && str(v.port)) out.port = Number(v.port);
  if (v.readonly === true) out.readonly = true;
  const tls = pick(v, "tls.", ["mode", "ca_file", "server_name"]);
  if (f.includes("tls") && tls) out.tls = tls;
  const ssh = pick(v, "ssh.", ["host", "user", "key_file", "port"]);
  if (f.includes("ssh") && ssh?.host) {
    if (ssh.port) ssh.port = Number(ssh.port);
    if (v["ssh.agent"] === true) ssh.agent = true;
    out.ssh = ssh;
  }
  return out;
}

function str(x: unknown): string | undefined {
  if (typeof x !== "string") return undefined;
  const t = x.trim();
  return t === "" ? undefined : t;
}

function pick(v: Values, prefix: string, keys: string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const s = str(v[prefix + k]);
    if (s) out[k] = s;
  }
  return Object.keys(out).length ? out : undefined;
}
