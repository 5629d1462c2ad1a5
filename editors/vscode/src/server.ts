// The one way the extension talks to dbls: workspace commands with one
// object argument (see docs/commands.md). Errors keep the server's JSON-RPC
// code and data so callers can tell a refusal (data.reason) from a failure.
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";

export interface CommandError {
  message: string;
  code?: number;
  data?: { reason?: string; [k: string]: unknown };
}

export class Dbls {
  constructor(private readonly client: LanguageClient) {}

  /** request sends command and rejects with a CommandError. */
  async request<T = any>(command: string, arg: object): Promise<T> {
    try {
      return (await this.client.sendRequest("workspace/executeCommand", { command, arguments: [arg] })) as T;
    } catch (err: any) {
      const e: CommandError = { message: err?.message ?? String(err), code: err?.code, data: err?.data };
      throw e;
    }
  }

  /** run is request for UI actions: a failure is shown, and undefined returned. */
  async run<T = any>(command: string, arg: object): Promise<T | undefined> {
    try {
      return await this.request<T>(command, arg);
    } catch (err) {
      vscode.window.showErrorMessage((err as CommandError).message);
      return undefined;
    }
  }
}

/** The reply of dbls.listConnections. */
export interface ConnectionInfo {
  name: string;
  source?: string;
  driver?: string;
  target?: string;
  readonly?: boolean;
}
