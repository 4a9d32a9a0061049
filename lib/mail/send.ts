// Hands a mail to the SMTP server SMTP_URL names (nodemailer), or, with none configured, keeps it in
// the outbox administrators read at /admin/outbox and prints its links in the log, so a one-machine
// install can still reset a password. A mail the server refuses is kept in the outbox too, with the
// reason: the member asked for it, and an administrator can still pass the link on.
import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { env } from "../env";
import type { Mail } from "./compose";

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: createTransport(url) };
  return transport.transporter;
}

export type Delivery = "sent" | "outbox";

async function keep(mail: Mail, error: string | null): Promise<void> {
  await db.insert(mailOutbox).values({
    toAddress: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    error,
  });
  const links = mail.links.length > 0 ? `: ${mail.links.join(" ")}` : "";
  console.log(
    error
      ? `Mail to ${mail.to} could not be sent (${error}); kept in /admin/outbox. "${mail.subject}"${links}`
      : `Mail to ${mail.to} (no SMTP_URL; kept in /admin/outbox): "${mail.subject}"${links}`,
  );
}

/** Sends one mail; answers where it went. Never throws for the mail server's sake. */
export async function sendMail(mail: Mail): Promise<Delivery> {
  const url = env.SMTP_URL;
  if (!url) {
    await keep(mail, null);
    return "outbox";
  }
  try {
    await transporterFor(url).sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    return "sent";
  } catch (error) {
    await keep(mail, error instanceof Error ? error.message.slice(0, 500) : String(error));
    return "outbox";
  }
}

/** Whether mail leaves through SMTP (else everything lands in the outbox). */
export const mailIsConfigured = () => Boolean(env.SMTP_URL);
