import type { RequestHandler } from "express";

/**
 * With TRUST_PROXY off the client address is the socket's, so behind a reverse proxy every user has
 * the proxy's address and the login limits per address would treat them as one. A forwarding
 * header then means the setting is probably missing: said once in the log, never per request.
 */
export function warnAboutUntrustedProxy(log: (m: string) => void): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && (req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined)) {
      warned = true;
      log(
        `Warnung: Die Anfrage von ${req.socket.remoteAddress ?? "?"} trägt einen Proxy-Kopf (X-Forwarded-For/Forwarded), ` +
          "aber TRUST_PROXY ist aus. Läuft Teilhabe hinter einem Reverse Proxy, setzen Sie TRUST_PROXY=true – sonst " +
          "gelten alle Nutzerinnen und Nutzer als eine Adresse (Anmeldeschutz, Protokolle). Ohne Proxy ignorieren Sie " +
          "den Kopf; er kann von jedem Client gesetzt werden.",
      );
    }
    next();
  };
}
