// One layout for every mail Parley sends: a plain-text part and an HTML part saying the same thing.
// Every piece of text (a member's name, a thread title) is escaped for the HTML part here, so no
// caller can put markup into a mail by choosing a name.

export interface MailAction {
  /** The button's words, such as "Choose a new password". */
  label: string;
  url: string;
}

export interface MailContent {
  to: string;
  subject: string;
  /** Paragraphs of plain text, before the action. */
  paragraphs: string[];
  action?: MailAction;
  /** Plain text after the action (why the mail came, what to do if it was not asked for). */
  footer?: string[];
  /** For mail a member asked for and may stop (alert mails): a link at the bottom, and the
   * List-Unsubscribe headers (RFC 8058) that give mail clients their own Unsubscribe button. */
  unsubscribe?: {
    /** The page a person opens: it asks before it unsubscribes, so a link scanner changes nothing. */
    pageUrl: string;
    /** The address a mail client POSTs `List-Unsubscribe=One-Click` to. */
    oneClickUrl: string;
  };
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links the mail carries, printed in the log when there is no SMTP server. */
  links: string[];
  /** Extra headers (List-Unsubscribe); their values never hold user content. */
  headers?: Record<string, string>;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Line breaks in a subject would start new headers in some mailers; nodemailer folds them, but a
 * subject is one line anyway. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, " ").trim();

export function composeMail(content: MailContent): Mail {
  const { action, footer = [], unsubscribe } = content;
  const text = [
    ...content.paragraphs,
    ...(action ? [`${action.label}:\n${action.url}`] : []),
    ...footer,
    ...(unsubscribe ? [`Unsubscribe:\n${unsubscribe.pageUrl}`] : []),
  ].join("\n\n");
  const paragraph = (p: string) =>
    `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`;
  const button = action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or open this address: ${escapeHtml(action.url)}</p>`
    : "";
  const small = (p: string) =>
    `<p style="margin:0 0 8px;font-size:13px;color:#475569">${escapeHtml(p)}</p>`;
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">` +
    content.paragraphs.map(paragraph).join("") +
    button +
    footer.map(small).join("") +
    (unsubscribe
      ? `<p style="margin:0 0 8px;font-size:13px;color:#475569"><a href="${escapeHtml(unsubscribe.pageUrl)}" style="color:#475569">Unsubscribe</a></p>`
      : "") +
    `</body></html>`;
  return {
    to: content.to,
    subject: oneLine(content.subject),
    text: text + "\n",
    html,
    links: [...(action ? [action.url] : []), ...(unsubscribe ? [unsubscribe.pageUrl] : [])],
    ...(unsubscribe
      ? {
          headers: {
            "List-Unsubscribe": `<${unsubscribe.oneClickUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
        }
      : {}),
  };
}
