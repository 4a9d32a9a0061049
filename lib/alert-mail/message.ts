// The words of an alert mail: what happened, in which thread, a few words of the post, a link to it,
// and how to stop these mails. composeMail escapes every piece for the HTML part.
import { composeMail, type Mail } from "../mail/compose";
import { plainExcerpt } from "../markup/excerpt";
import { postUrl } from "../urls";
import { oneClickUnsubscribeUrl, unsubscribePageUrl } from "./unsubscribe";

export type AlertMailKind = "quote" | "mention" | "reply";

export interface AlertMailInput {
  kind: AlertMailKind;
  recipient: { name: string; email: string };
  actorName: string;
  post: { id: number; source: string };
  threadTitle: string;
  origin: string;
  unsubscribeToken: string;
}

/** Long enough to tell what the post is about; the rest is one click away. */
const EXCERPT_LENGTH = 300;

function what(kind: AlertMailKind, actor: string, title: string) {
  switch (kind) {
    case "quote":
      return {
        subject: `${actor} quoted you in “${title}”`,
        line: `${actor} quoted your post in the thread “${title}”:`,
        label: "Read the post",
      };
    case "mention":
      return {
        subject: `${actor} mentioned you in “${title}”`,
        line: `${actor} mentioned you in the thread “${title}”:`,
        label: "Read the post",
      };
    case "reply":
      return {
        subject: `New reply in “${title}”`,
        line: `${actor} replied in the thread “${title}”, which you watch:`,
        label: "Read the reply",
      };
  }
}

export function alertMail(input: AlertMailInput): Mail {
  const { subject, line, label } = what(input.kind, input.actorName, input.threadTitle);
  const excerpt = plainExcerpt(input.post.source, EXCERPT_LENGTH);
  return composeMail({
    to: input.recipient.email,
    subject,
    paragraphs: [`Hello ${input.recipient.name},`, line, ...(excerpt ? [`“${excerpt}”`] : [])],
    action: { label, url: `${input.origin}${postUrl(input.post.id)}` },
    footer: [
      "There will be no further mail about this thread until you have read it on the forum.",
      "You get these mails because you asked for them in your account settings.",
    ],
    unsubscribe: {
      pageUrl: unsubscribePageUrl(input.origin, input.unsubscribeToken),
      oneClickUrl: oneClickUnsubscribeUrl(input.origin, input.unsubscribeToken),
    },
  });
}
