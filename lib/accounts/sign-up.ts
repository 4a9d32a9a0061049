import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "../auth/password";
import { ok, refuseFields, type FieldErrors, type Result } from "../result";
import { emailSchema, fieldErrors, signUpSchema, usernameSchema } from "./rules";

export type SignUpField = "username" | "email" | "password";
export type SignUpResult = Result<{ userId: string; username: string }, SignUpField | "form">;

const TAKEN_USERNAME = "That username is taken.";
const TAKEN_EMAIL = "An account with that email address already exists.";

/** Creates a member account. Usernames are unique without regard to case, seed members' included. */
export async function registerMember(input: Record<SignUpField, unknown>): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  const errors: FieldErrors<SignUpField> = parsed.success ? {} : fieldErrors(parsed.error);
  // Say that a name or address is taken even when another field is wrong, so one submit shows all.
  const username = usernameSchema.safeParse(input.username).data;
  const email = emailSchema.safeParse(input.email).data;
  if (username || email) {
    const clashes = await db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(
        sql`lower(${users.name}) = lower(${username ?? ""}) or lower(${users.email}) = ${email ?? ""}`,
      );
    if (username && clashes.some((u) => u.name.toLowerCase() === username.toLowerCase()))
      errors.username = TAKEN_USERNAME;
    if (email && clashes.some((u) => u.email?.toLowerCase() === email)) errors.email = TAKEN_EMAIL;
  }
  if (!parsed.success || errors.username || errors.email) return refuseFields(errors);
  const { password } = parsed.data;

  const passwordHash = await hashPassword(password);
  try {
    const [created] = await db
      .insert(users)
      .values({ name: parsed.data.username, email: parsed.data.email, passwordHash })
      .returning({ id: users.id });
    return ok({ userId: created!.id, username: parsed.data.username });
  } catch (error) {
    // Two sign-ups racing for one name: the unique indexes decide.
    const constraint =
      (error as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? "";
    if (constraint.includes("name")) return refuseFields({ username: TAKEN_USERNAME });
    if (constraint.includes("email")) return refuseFields({ email: TAKEN_EMAIL });
    throw error;
  }
}
