// What a browser sends back from navigator.credentials: JSON text, parsed and checked for shape here
// before the WebAuthn library looks at the bytes. A wrong shape is null, never an exception.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/types";
import { z } from "zod";
import { PASSKEY_RESPONSE_MAX_CHARS } from "@/lib/limits/sizes";

const b64url = z
  .string()
  .max(PASSKEY_RESPONSE_MAX_CHARS)
  .regex(/^[A-Za-z0-9_-]*$/);
const common = {
  id: b64url.min(1).max(1024),
  rawId: b64url.min(1).max(1024),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

const registrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(20)).max(10).optional(),
  }),
});

const authenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

function parseJson<T>(text: unknown, schema: z.ZodType): T | null {
  if (typeof text !== "string" || text.length > PASSKEY_RESPONSE_MAX_CHARS) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null;
  }
}

export const parseRegistrationResponse = (text: unknown) =>
  parseJson<RegistrationResponseJSON>(text, registrationSchema);
export const parseAuthenticationResponse = (text: unknown) =>
  parseJson<AuthenticationResponseJSON>(text, authenticationSchema);
