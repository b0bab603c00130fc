import net from "node:net";

export interface SinkMail {
  from: string;
  to: string[];
  /** The message as received (headers and body, dot-stuffing undone). */
  data: string;
}

export interface SmtpSink {
  port: number;
  mails: SinkMail[];
  /** Answer the next n messages with a temporary failure (451) instead of accepting them. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it accepts: just the commands nodemailer uses
 * (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no authentication.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  let failing = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let from = "";
    let to: string[] = [];
    let lines: string[] = [];
    const say = (s: string) => socket.write(`${s}\r\n`);
    say("220 sink ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            if (failing > 0) {
              failing--;
              say("451 4.3.0 try again later");
            } else {
              mails.push({ from, to, data: lines.join("\r\n") });
              say("250 2.0.0 queued");
            }
            from = "";
            to = [];
            lines = [];
          } else lines.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO") say("250 sink");
        else if (cmd === "HELO") say("250 sink");
        else if (cmd === "MAIL") {
          from = line.replace(/^MAIL FROM:\s*/i, "");
          say("250 2.1.0 ok");
        } else if (cmd === "RCPT") {
          to.push(line.replace(/^RCPT TO:\s*/i, ""));
          say("250 2.1.5 ok");
        } else if (cmd === "DATA") {
          inData = true;
          say("354 end with <CRLF>.<CRLF>");
        } else if (cmd === "RSET") {
          from = "";
          to = [];
          say("250 ok");
        } else if (cmd === "NOOP") say("250 ok");
        else if (cmd === "QUIT") {
          say("221 bye");
          socket.end();
        } else say("502 5.5.2 not implemented");
      }
    });
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  return {
    port: (server.address() as net.AddressInfo).port,
    mails,
    failNext: (n) => {
      failing = n;
    },
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}
