// The status bar item's state, free of VS Code: which connection the
// active document uses, and how that connection's schema read goes, from
// the server's dbls/snapshotStatus notifications (sent to clients that
// declare capabilities.experimental.dbls.snapshotStatus; see
// docs/commands.md). The item spins while the read runs, shows an error
// when it failed, and the plain connection otherwise.

/** A dbls/snapshotStatus notification's parameter. */
export interface SnapshotStatus {
  /** The names and URLs that reach this connection (two names may share one snapshot). */
  connections: string[];
  label: string;
  state: "loading" | "ready" | "failed";
  tables?: number;
  message?: string;
}

/** What the item shows: no connection, a plain one, a read running, or a read that failed. */
export type Look = "none" | "ready" | "loading" | "failed";

export interface View {
  look: Look;
  /** The item's text (a codicon and the connection's name). */
  text: string;
  name?: string;
  /** Why the read failed (failed). */
  message?: string;
}

const icons: Record<Look, string> = { none: "$(database)", ready: "$(database)", loading: "$(sync~spin)", failed: "$(error)" };

/** SnapshotStates keeps the last status of every connection, by each name it was reached by. */
export class SnapshotStates {
  private readonly byName = new Map<string, SnapshotStatus>();

  /** apply records a notification; it answers whether anything was recorded. */
  apply(st: SnapshotStatus | undefined): boolean {
    if (!st || !Array.isArray(st.connections) || !["loading", "ready", "failed"].includes(st.state)) return false;
    for (const n of st.connections) this.byName.set(n, st);
    return st.connections.length > 0;
  }

  of(name: string | undefined): SnapshotStatus | undefined {
    return name ? this.byName.get(name) : undefined;
  }

  /** view is what the item shows for a document on connection name ("none" text is the caller's). */
  view(name: string | undefined): View {
    if (!name) return { look: "none", text: icons.none };
    const st = this.of(name);
    const look: Look = st?.state === "loading" ? "loading" : st?.state === "failed" ? "failed" : "ready";
    return { look, text: `${icons[look]} ${name}`, name, message: look === "failed" ? st?.message : undefined };
  }
}
