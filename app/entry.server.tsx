import { PassThrough } from "node:stream";
import type { EntryContext, RouterContextProvider } from "react-router";
import { createReadableStreamFromReadable } from "@react-router/node";
import { ServerRouter } from "react-router";
import { renderToPipeableStream } from "react-dom/server";
import { appContext } from "./kernel/http/context";

export const streamTimeout = 5_000;

/**
 * React Router's default Node entry, plus the CSP nonce: the inline scripts that carry the
 * loader data for hydration must bear it, or the browser blocks them and no page hydrates.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext, loadContext: RouterContextProvider) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  let nonce: string | undefined;
  try { nonce = loadContext.get(appContext).nonce; } catch { nonce = undefined; }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
      [routerContext.isSpaMode ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough({ final(cb) { clearTimeout(timeoutId); timeoutId = undefined; cb(); } });
        headers.set("Content-Type", "text/html");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      },
      onShellError: reject,
      onError(error: unknown) {
        status = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
