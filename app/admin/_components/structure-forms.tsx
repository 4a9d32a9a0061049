"use client";

// The admin panel's category and forum forms. Each is its own small form posting one intent to
// changeForumsAction, with its answer shown beside it and, after an error, what was typed kept.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { FORUM_DESCRIPTION, FORUM_TITLE } from "@/lib/limits/sizes";
import { changeForumsAction } from "../actions";
import { IDLE, type ChangeState } from "./change-state";

const smallButton =
  "rounded border border-slate-300 bg-surface px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50";

function useChange() {
  return useActionState(changeForumsAction, IDLE);
}

function Answer({ state }: { state: ChangeState }) {
  return (
    <FormMessage
      key={state.seq}
      message={state.message}
      tone={state.status === "error" ? "error" : "success"}
    />
  );
}

function Hidden({ values }: { values: Record<string, string | number> }) {
  return Object.entries(values).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}

/** Title and description: creating a category or forum, or renaming and describing one. */
export function NamedForm({
  intent,
  ids = {},
  idPrefix,
  title = "",
  description = "",
  submit,
  titleLabel = "Title",
}: {
  intent: string;
  ids?: Record<string, number>;
  /** Makes the fields' ids unique on the page. */
  idPrefix: string;
  title?: string;
  description?: string;
  submit: string;
  titleLabel?: string;
}) {
  const [state, action] = useChange();
  const typed = state.status === "error" ? state.typed : undefined;
  const shownTitle = typed?.title ?? title;
  const shownDescription = typed?.description ?? description;
  return (
    <form action={action} className="space-y-2">
      <Hidden values={{ intent, ...ids }} />
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-title`} className="block text-sm font-semibold">
          {titleLabel}
        </label>
        <input
          id={`${idPrefix}-title`}
          name="title"
          required
          maxLength={FORUM_TITLE.max}
          key={`t-${state.seq}`}
          defaultValue={shownTitle}
          className={controlClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-description`} className="block text-sm font-semibold">
          Description (optional)
        </label>
        <textarea
          id={`${idPrefix}-description`}
          name="description"
          rows={2}
          maxLength={FORUM_DESCRIPTION.max}
          key={`d-${state.seq}`}
          defaultValue={shownDescription}
          className={controlClass}
        />
      </div>
      <SubmitButton>{submit}</SubmitButton>
      <Answer state={state} />
    </form>
  );
}

/** "Move up" / "Move down": two submit buttons, so the keyboard reorders as well as anything. */
export function MoveButtons({
  intent,
  idName,
  id,
  name,
  first,
  last,
}: {
  intent: string;
  idName: "forumId" | "categoryId";
  id: number;
  /** Added to each button's accessible name, so a screen reader hears which row moves. */
  name: string;
  first: boolean;
  last: boolean;
}) {
  const [state, action] = useChange();
  return (
    <form action={action} className="flex flex-wrap items-center gap-1">
      <Hidden values={{ intent, [idName]: id }} />
      <button
        type="submit"
        name="direction"
        value="up"
        disabled={first}
        className={`${smallButton} disabled:opacity-40`}
      >
        Move up<span className="sr-only"> {name}</span>
      </button>
      <button
        type="submit"
        name="direction"
        value="down"
        disabled={last}
        className={`${smallButton} disabled:opacity-40`}
      >
        Move down<span className="sr-only"> {name}</span>
      </button>
      {state.status === "error" && <Answer state={state} />}
    </form>
  );
}

export interface Choice {
  id: number;
  title: string;
}

/** A select and a button: move a forum to another category. */
export function CategoryChoiceForm({
  forumId,
  categoryId,
  categories,
  idPrefix,
}: {
  forumId: number;
  categoryId: number;
  categories: Choice[];
  idPrefix: string;
}) {
  const [state, action] = useChange();
  return (
    <form action={action} className="space-y-1">
      <Hidden values={{ intent: "forum-category", forumId }} />
      <label htmlFor={`${idPrefix}-category`} className="block text-sm font-semibold">
        Category
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={`${idPrefix}-category`}
          name="categoryId"
          defaultValue={categoryId}
          className={`${controlClass} w-auto!`}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <SubmitButton>Move to category</SubmitButton>
      </div>
      <Answer state={state} />
    </form>
  );
}

/** Deleting a forum; one with threads asks where they go. */
export function DeleteForumForm({
  forumId,
  title,
  threadCount,
  others,
  idPrefix,
}: {
  forumId: number;
  title: string;
  threadCount: number;
  others: Choice[];
  idPrefix: string;
}) {
  const [state, action] = useChange();
  return (
    <form action={action} className="space-y-1">
      <Hidden values={{ intent: "delete-forum", forumId }} />
      {threadCount > 0 && (
        <>
          <label htmlFor={`${idPrefix}-move-to`} className="block text-sm font-semibold">
            Move its threads to
          </label>
          <select
            id={`${idPrefix}-move-to`}
            name="moveThreadsTo"
            required
            defaultValue=""
            className={`${controlClass} w-auto!`}
          >
            <option value="" disabled>
              Choose a forum…
            </option>
            {others.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="submit"
        className="rounded border border-red-300 bg-surface px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        Delete forum<span className="sr-only"> {title}</span>
      </button>
      <Answer state={state} />
    </form>
  );
}

/** An empty category's delete button. */
export function DeleteCategoryForm({ categoryId, title }: { categoryId: number; title: string }) {
  const [state, action] = useChange();
  return (
    <form action={action}>
      <Hidden values={{ intent: "delete-category", categoryId }} />
      <button type="submit" className={smallButton}>
        Delete category<span className="sr-only"> {title}</span>
      </button>
      <Answer state={state} />
    </form>
  );
}

const VIEW_CHOICES = [
  { value: "everyone", label: "Everyone, guests included" },
  { value: "members", label: "Members only" },
  { value: "staff", label: "Staff only" },
];
const POST_CHOICES = [
  { value: "members", label: "Members" },
  { value: "staff", label: "Staff only" },
];

function RuleSelect({
  id,
  name,
  label,
  value,
  choices,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  choices: { value: string; label: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={`${controlClass} w-auto!`}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Who may view the forum, start threads in it and reply in it. */
export function RulesForm({
  forumId,
  idPrefix,
  rules,
}: {
  forumId: number;
  idPrefix: string;
  rules: { viewRule: string; startThreadRule: string; replyRule: string };
}) {
  const [state, action] = useChange();
  return (
    <form action={action} className="space-y-2">
      <Hidden values={{ intent: "forum-rules", forumId }} />
      <RuleSelect
        id={`${idPrefix}-view`}
        name="viewRule"
        label="Who may view"
        value={rules.viewRule}
        choices={VIEW_CHOICES}
      />
      <RuleSelect
        id={`${idPrefix}-start`}
        name="startThreadRule"
        label="Who may start threads"
        value={rules.startThreadRule}
        choices={POST_CHOICES}
      />
      <RuleSelect
        id={`${idPrefix}-reply`}
        name="replyRule"
        label="Who may reply"
        value={rules.replyRule}
        choices={POST_CHOICES}
      />
      <SubmitButton>Save rules</SubmitButton>
      <Answer state={state} />
    </form>
  );
}
