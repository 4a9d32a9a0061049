"use client";

// The thread page's member and staff components, each in a chunk of its own that loads only where it
// is rendered. A page's client bundle holds every client module its server module imports statically,
// rendered or not, so importing these directly gave a guest's first visit the editor and the
// moderation tools (about 17 KB gzip). They are still rendered on the server like any component.
import dynamic from "next/dynamic";

export const ReplyForm = dynamic(() => import("./reply-form").then((m) => m.ReplyForm));
export const ThreadTools = dynamic(() =>
  import("./moderation/thread-tools").then((m) => m.ThreadTools),
);
export const PostModeration = dynamic(() =>
  import("./moderation/post-moderation").then((m) => m.PostModeration),
);
export const BulkBar = dynamic(() => import("./moderation/bulk-bar").then((m) => m.BulkBar));
export const WarnTool = dynamic(() => import("./moderation/warn-tool").then((m) => m.WarnTool));
