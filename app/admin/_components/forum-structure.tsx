// The categories and their forums, each with its tools: the server renders the list, and every
// change is one of the small client forms in ./structure-forms.tsx.
import Link from "next/link";
import { formatCount } from "@/lib/format";
import type { AdminCategory, AdminForum } from "@/lib/forum-admin/structure";
import {
  CategoryChoiceForm,
  DeleteCategoryForm,
  DeleteForumForm,
  MoveButtons,
  NamedForm,
  RulesForm,
  type Choice,
} from "./structure-forms";

const RULE_WORDS: Record<AdminForum["viewRule"], string> = {
  everyone: "open to everyone",
  members: "members only",
  staff: "staff only",
};

const summaryClass = "cursor-pointer text-sm font-semibold text-link";

function ForumRow({
  forum,
  categoryId,
  first,
  last,
  categories,
  forums,
}: {
  forum: AdminForum;
  categoryId: number;
  first: boolean;
  last: boolean;
  categories: Choice[];
  forums: Choice[];
}) {
  const prefix = `forum-${forum.id}`;
  return (
    <li aria-labelledby={`${prefix}-name`} className="space-y-2 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 id={`${prefix}-name`} className="font-semibold">
            <Link href={forum.url}>{forum.title}</Link>
          </h4>
          {forum.description && <p className="text-sm text-slate-600">{forum.description}</p>}
          <p className="text-xs text-slate-500">
            {formatCount(forum.threadCount)} threads · {RULE_WORDS[forum.viewRule]}
            {forum.startThreadRule === "staff" && " · staff start threads"}
            {forum.replyRule === "staff" && " · staff reply"}
          </p>
        </div>
        <MoveButtons
          intent="move-forum"
          idName="forumId"
          id={forum.id}
          name={forum.title}
          first={first}
          last={last}
        />
      </div>
      <details>
        <summary className={summaryClass}>
          Edit<span className="sr-only"> {forum.title}</span>
        </summary>
        <div className="mt-2 grid gap-4 md:grid-cols-2">
          <NamedForm
            intent="update-forum"
            ids={{ forumId: forum.id }}
            idPrefix={prefix}
            title={forum.title}
            description={forum.description ?? ""}
            submit="Save forum"
          />
          <RulesForm forumId={forum.id} idPrefix={prefix} rules={forum} />
          <div className="space-y-4">
            <CategoryChoiceForm
              forumId={forum.id}
              categoryId={categoryId}
              categories={categories}
              idPrefix={prefix}
            />
            <DeleteForumForm
              forumId={forum.id}
              title={forum.title}
              threadCount={forum.threadCount}
              others={forums.filter((f) => f.id !== forum.id)}
              idPrefix={prefix}
            />
          </div>
        </div>
      </details>
    </li>
  );
}

export function ForumStructure({ structure }: { structure: AdminCategory[] }) {
  const categories = structure.map(({ id, title }) => ({ id, title }));
  const forums = structure.flatMap((c) => c.forums.map(({ id, title }) => ({ id, title })));
  return (
    <div className="space-y-4">
      {structure.map((category, index) => {
        const prefix = `category-${category.id}`;
        return (
          <section
            key={category.id}
            aria-labelledby={`${prefix}-name`}
            className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
          >
            <header className="flex flex-wrap items-start justify-between gap-2 bg-slate-100 px-4 py-2">
              <div>
                <h3 id={`${prefix}-name`} className="font-semibold">
                  {category.title}
                </h3>
                {category.description && (
                  <p className="text-sm text-slate-600">{category.description}</p>
                )}
              </div>
              <MoveButtons
                intent="move-category"
                idName="categoryId"
                id={category.id}
                name={category.title}
                first={index === 0}
                last={index === structure.length - 1}
              />
            </header>
            <div className="space-y-2 border-b border-slate-200 px-4 py-2">
              <details>
                <summary className={summaryClass}>
                  Edit category<span className="sr-only"> {category.title}</span>
                </summary>
                <div className="mt-2 max-w-xl space-y-3">
                  <NamedForm
                    intent="update-category"
                    ids={{ categoryId: category.id }}
                    idPrefix={prefix}
                    title={category.title}
                    description={category.description ?? ""}
                    submit="Save category"
                  />
                  {category.forums.length === 0 && (
                    <DeleteCategoryForm categoryId={category.id} title={category.title} />
                  )}
                </div>
              </details>
              <details>
                <summary className={summaryClass}>
                  Add a forum<span className="sr-only"> to {category.title}</span>
                </summary>
                <div className="mt-2 max-w-xl">
                  <NamedForm
                    intent="create-forum"
                    ids={{ categoryId: category.id }}
                    idPrefix={`${prefix}-new`}
                    titleLabel="New forum's title"
                    submit="Create forum"
                  />
                </div>
              </details>
            </div>
            {category.forums.length === 0 ? (
              <p className="px-4 py-3 text-sm text-slate-600">No forums in this category yet.</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {category.forums.map((forum, i) => (
                  <ForumRow
                    key={forum.id}
                    forum={forum}
                    categoryId={category.id}
                    first={i === 0}
                    last={i === category.forums.length - 1}
                    categories={categories}
                    forums={forums}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <section
        aria-labelledby="new-category"
        className="max-w-xl rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
      >
        <h3 id="new-category" className="mb-2 font-semibold">
          New category
        </h3>
        <NamedForm
          intent="create-category"
          idPrefix="new-category"
          titleLabel="Category title"
          submit="Create category"
        />
      </section>
    </div>
  );
}
