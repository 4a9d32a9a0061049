import Link from "next/link";
import { listOpenConversationReports } from "@/lib/conversations/reports";
import { formatDateTime } from "@/lib/format";
import { ConversationReportDecision } from "./decision";

/** Open reports of conversation messages: each shows the one reported message, and nothing else of
 * its conversation (no title, no other message, no participant list). Staff may read no more. */
export async function ConversationReportsSection() {
  const reports = await listOpenConversationReports();
  return (
    <section aria-labelledby="conversation-reports" className="mt-8 space-y-3">
      <h2 id="conversation-reports" className="text-xl font-bold">
        Reported conversation messages
      </h2>
      <p className="text-sm text-slate-600">
        Only the reported message is shown: the rest of a conversation stays private to its
        participants.
      </p>
      {reports.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-surface p-4 text-slate-600 shadow-sm">
          No open reports of conversation messages.
        </p>
      ) : (
        <ul aria-label="Reported conversation messages" className="space-y-4">
          {reports.map((report) => (
            <li
              key={report.id}
              className="space-y-2 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
            >
              <h3 className="font-semibold">
                Message by{" "}
                {report.message.authorUrl ? (
                  <Link href={report.message.authorUrl}>{report.message.authorName}</Link>
                ) : (
                  report.message.authorName
                )}{" "}
                <span className="text-sm font-normal text-slate-600">
                  sent {formatDateTime(report.message.createdAt)}
                </span>
              </h3>
              <div
                className="post-body rounded border border-slate-200 p-3"
                dangerouslySetInnerHTML={{ __html: report.message.html }}
              />
              <p className="text-sm">
                <span className="font-semibold">{report.reporterName}:</span> {report.reason}
              </p>
              <ConversationReportDecision reportId={report.id} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
