// A real SMTP server in this process (the smtp-server package) for the tests: mail Parley sends
// through nodemailer arrives here and is parsed (mailparser) as a mail client would read it.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpInbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ParsedMail[];
  /** The first message to `to` received after `since` messages, waiting up to a few seconds. */
  next(to: string, since?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpInbox(port = 0): Promise<SmtpInbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback: nodemailer would otherwise upgrade to TLS with a self-signed cert.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  const addressedTo = (mail: ParsedMail, to: string) => {
    const list = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return list.some((a) => a.value.some((v) => v.address?.toLowerCase() === to.toLowerCase()));
  };
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    async next(to, since = 0) {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = messages.slice(since).find((mail) => addressedTo(mail, to));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`No mail to ${to} arrived`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text part starting with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = (mail.text ?? "").match(new RegExp(`${escaped}\\S+`));
  if (!match) throw new Error(`No link starting ${prefix} in:\n${mail.text}`);
  return match[0];
}
