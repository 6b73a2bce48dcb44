/**
 * Payload validation for the Discord stand-in (see discord-standin.ts).
 *
 * The real API rejects payloads that break its documented limits with
 * `400 {"code": 50035, "message": "Invalid Form Body", "errors": {...}}` (or a few dedicated codes such as
 * 50006 "Cannot send an empty message"). The stand-in applies the same rules so that tests catch a bot that
 * sends, say, a 2,500 character answer or 11 embeds, instead of that bug surfacing only in production.
 *
 * Limits implemented (https://discord.com/developers/docs/resources/message#create-message and friends):
 * - content <= 2000 characters (counted in Unicode code points), must be a string
 * - <= 10 embeds; title <= 256, description <= 4096, <= 25 fields, field name 1..256, field value 1..1024,
 *   footer.text <= 2048, author.name <= 256, url/image/thumbnail urls must be http(s) or attachment://,
 *   all embeds together <= 6000 characters
 * - classic components: <= 5 action rows, a row holds 1..5 buttons or exactly one select menu,
 *   button custom_id 1..100 (link buttons need url and no custom_id), label <= 80, select custom_id 1..100,
 *   string select options 1..25, placeholder <= 150, custom_ids unique within the message
 * - components v2 (flag 1 << 15): no content / embeds allowed
 * - allowed_mentions: parse only users/roles/everyone; `parse: ["users"]` and `users: [...]` are exclusive
 * - flags: only SUPPRESS_EMBEDS (4), EPHEMERAL (64, interaction responses / follow-ups only),
 *   SUPPRESS_NOTIFICATIONS (4096), IS_COMPONENTS_V2 (32768)
 * - creating a message with no content, embeds, components, files, stickers or poll → 50006
 * - autocomplete results: <= 25 choices, name 1..100, string value <= 100
 * - modals: custom_id 1..100, title 1..45, 1..5 components
 * - application commands: names/descriptions/option rules, <= 25 options/choices, required options first
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

/** An error answer the stand-in sends instead of the route's normal result. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.message} (code ${body.code})`);
  }
}

export interface FieldError {
  /** Dotted path, e.g. "data.embeds.0.description". */
  path: string;
  code: string;
  message: string;
}

export function formError(errors: FieldError[]): ApiError {
  const tree: Record<string, any> = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path.split(".").filter(Boolean)) node = node[key] ??= {};
    (node._errors ??= []).push({ code: e.code, message: e.message });
  }
  return new ApiError(400, { message: "Invalid Form Body", code: 50035, errors: tree });
}

export const apiErrors = {
  unauthorized: () => new ApiError(401, { message: "401: Unauthorized", code: 0 }),
  notFound: () => new ApiError(404, { message: "404: Not Found", code: 0 }),
  methodNotAllowed: () => new ApiError(405, { message: "405: Method Not Allowed", code: 0 }),
  unknownApplication: () => new ApiError(404, { message: "Unknown Application", code: 10002 }),
  unknownChannel: () => new ApiError(404, { message: "Unknown Channel", code: 10003 }),
  unknownGuild: () => new ApiError(404, { message: "Unknown Guild", code: 10004 }),
  unknownMember: () => new ApiError(404, { message: "Unknown Member", code: 10007 }),
  unknownMessage: () => new ApiError(404, { message: "Unknown Message", code: 10008 }),
  unknownUser: () => new ApiError(404, { message: "Unknown User", code: 10013 }),
  unknownWebhook: () => new ApiError(404, { message: "Unknown Webhook", code: 10015 }),
  unknownCommand: () => new ApiError(404, { message: "Unknown application command", code: 10063 }),
  unknownInteraction: () => new ApiError(404, { message: "Unknown interaction", code: 10062 }),
  alreadyAcknowledged: () =>
    new ApiError(400, { message: "Interaction has already been acknowledged.", code: 40060 }),
  invalidWebhookToken: () => new ApiError(401, { message: "Invalid Webhook Token", code: 50027 }),
  missingAccess: () => new ApiError(403, { message: "Missing Access", code: 50001 }),
  missingPermissions: () => new ApiError(403, { message: "Missing Permissions", code: 50013 }),
  cannotEditOthers: () =>
    new ApiError(403, { message: "Cannot edit a message authored by another user", code: 50005 }),
  emptyMessage: () => new ApiError(400, { message: "Cannot send an empty message", code: 50006 }),
  invalidJson: () => new ApiError(400, { message: "The request body contains invalid JSON.", code: 50109 }),
  tooLarge: () => new ApiError(413, { message: "Request entity too large", code: 40005 }),
};

const len = (s: string) => [...s].length;
const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);

function str(
  errors: FieldError[],
  path: string,
  value: unknown,
  { min = 0, max, required = false }: { min?: number; max: number; required?: boolean },
) {
  if (value === undefined || value === null) {
    if (required || min > 0) errors.push({ path, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
    return;
  }
  if (typeof value !== "string") {
    errors.push({ path, code: "BASE_TYPE_STRING", message: "Must be a string." });
    return;
  }
  const n = len(value);
  if (n > max) errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
  else if (n < min)
    errors.push({ path, code: "BASE_TYPE_BAD_LENGTH", message: `Must be between ${min} and ${max} in length.` });
}

const URL_RE = /^(https?:\/\/|attachment:\/\/)/;

function checkUrl(errors: FieldError[], path: string, value: unknown) {
  if (value === undefined || value === null) return;
  if (typeof value !== "string" || !URL_RE.test(value))
    errors.push({ path, code: "URL_TYPE_INVALID_URL", message: "Not a well formed URL." });
}

export function validateEmbeds(errors: FieldError[], path: string, embeds: unknown) {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.push({ path, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return;
  }
  if (embeds.length > 10)
    errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 10 or fewer in length." });
  let total = 0;
  embeds.forEach((e, i) => {
    const p = `${path}.${i}`;
    if (!isObj(e)) {
      errors.push({ path: p, code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" });
      return;
    }
    str(errors, `${p}.title`, e.title, { max: 256 });
    str(errors, `${p}.description`, e.description, { max: 4096 });
    checkUrl(errors, `${p}.url`, e.url);
    if (e.color !== undefined && e.color !== null && (!Number.isInteger(e.color) || e.color < 0 || e.color > 0xffffff))
      errors.push({ path: `${p}.color`, code: "NUMBER_TYPE_MAX", message: "int value should be <= 16777215." });
    if (e.footer !== undefined) str(errors, `${p}.footer.text`, e.footer?.text, { max: 2048, required: true });
    if (e.author !== undefined) str(errors, `${p}.author.name`, e.author?.name, { max: 256, required: true });
    if (e.image !== undefined) checkUrl(errors, `${p}.image.url`, e.image?.url);
    if (e.thumbnail !== undefined) checkUrl(errors, `${p}.thumbnail.url`, e.thumbnail?.url);
    if (e.fields !== undefined) {
      if (!Array.isArray(e.fields)) errors.push({ path: `${p}.fields`, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
      else {
        if (e.fields.length > 25)
          errors.push({ path: `${p}.fields`, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
        e.fields.forEach((f: any, j: number) => {
          str(errors, `${p}.fields.${j}.name`, f?.name, { min: 1, max: 256, required: true });
          str(errors, `${p}.fields.${j}.value`, f?.value, { min: 1, max: 1024, required: true });
          total += typeof f?.name === "string" ? len(f.name) : 0;
          total += typeof f?.value === "string" ? len(f.value) : 0;
        });
      }
    }
    for (const s of [e.title, e.description, e.footer?.text, e.author?.name]) if (typeof s === "string") total += len(s);
  });
  if (total > 6000)
    errors.push({ path, code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" });
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

export function validateComponents(errors: FieldError[], path: string, components: unknown, flags: number) {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.push({ path, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return;
  }
  const v2 = (flags & (1 << 15)) !== 0;
  const customIds = new Map<string, string>();
  const seeCustomId = (p: string, id: unknown) => {
    if (typeof id !== "string") return;
    if (customIds.has(id))
      errors.push({ path: `${p}.custom_id`, code: "COMPONENT_CUSTOM_ID_DUPLICATED", message: "Component custom id cannot be duplicated" });
    customIds.set(id, p);
  };
  const checkButton = (p: string, b: any) => {
    if (![1, 2, 3, 4, 5, 6].includes(b.style))
      errors.push({ path: `${p}.style`, code: "BASE_TYPE_CHOICES", message: "Value must be one of {1, 2, 3, 4, 5, 6}." });
    if (b.style === 5) {
      checkUrl(errors, `${p}.url`, b.url);
      if (!b.url) errors.push({ path: `${p}.url`, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
      if (b.custom_id !== undefined)
        errors.push({ path: `${p}.custom_id`, code: "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", message: "A link button cannot have a custom id" });
    } else if (b.style !== 6) {
      str(errors, `${p}.custom_id`, b.custom_id, { min: 1, max: 100, required: true });
      seeCustomId(p, b.custom_id);
    }
    str(errors, `${p}.label`, b.label, { max: 80 });
    if (b.style !== 6 && !b.label && !b.emoji)
      errors.push({ path: p, code: "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", message: "A button needs a label or an emoji" });
  };
  const checkSelect = (p: string, s: any) => {
    str(errors, `${p}.custom_id`, s.custom_id, { min: 1, max: 100, required: true });
    seeCustomId(p, s.custom_id);
    str(errors, `${p}.placeholder`, s.placeholder, { max: 150 });
    if (s.type === 3) {
      if (!Array.isArray(s.options) || s.options.length < 1 || s.options.length > 25)
        errors.push({ path: `${p}.options`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 25 in length." });
      else
        s.options.forEach((o: any, i: number) => {
          str(errors, `${p}.options.${i}.label`, o?.label, { min: 1, max: 100, required: true });
          str(errors, `${p}.options.${i}.value`, o?.value, { min: 1, max: 100, required: true });
          str(errors, `${p}.options.${i}.description`, o?.description, { max: 100 });
        });
    }
    for (const k of ["min_values", "max_values"])
      if (s[k] !== undefined && (!Number.isInteger(s[k]) || s[k] < 0 || s[k] > 25))
        errors.push({ path: `${p}.${k}`, code: "NUMBER_TYPE_MAX", message: "int value should be between 0 and 25." });
  };
  let count = 0;
  const walkV2 = (p: string, c: any) => {
    count++;
    if (!isObj(c)) return;
    if (c.type === 2) checkButton(p, c);
    else if (SELECT_TYPES.has(c.type)) checkSelect(p, c);
    if (Array.isArray(c.components)) c.components.forEach((cc: any, i: number) => walkV2(`${p}.components.${i}`, cc));
    if (isObj(c.accessory)) walkV2(`${p}.accessory`, c.accessory);
  };
  if (v2) {
    components.forEach((c, i) => walkV2(`${path}.${i}`, c));
    if (count > 40)
      errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 40 or fewer in total components." });
    return;
  }
  if (components.length > 5)
    errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 5 or fewer in length." });
  components.forEach((row, i) => {
    const p = `${path}.${i}`;
    if (!isObj(row) || row.type !== 1) {
      errors.push({
        path: `${p}.type`,
        code: "UNION_TYPE_CHOICES",
        message: "Top-level components must be action rows (type 1) unless the IS_COMPONENTS_V2 flag is set.",
      });
      return;
    }
    const inner = row.components;
    if (!Array.isArray(inner) || inner.length < 1 || inner.length > 5) {
      errors.push({ path: `${p}.components`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 5 in length." });
      return;
    }
    const hasSelect = inner.some((c: any) => SELECT_TYPES.has(c?.type));
    if (hasSelect && inner.length > 1)
      errors.push({
        path: `${p}.components`,
        code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        message: "The specified component exceeds the maximum width",
      });
    inner.forEach((c: any, j: number) => {
      const cp = `${p}.components.${j}`;
      if (c?.type === 2) checkButton(cp, c);
      else if (SELECT_TYPES.has(c?.type)) checkSelect(cp, c);
      else errors.push({ path: `${cp}.type`, code: "UNION_TYPE_CHOICES", message: `Invalid component type ${String(c?.type)} in an action row.` });
    });
  });
}

export function validateAllowedMentions(errors: FieldError[], path: string, am: unknown) {
  if (am === undefined || am === null) return;
  if (!isObj(am)) {
    errors.push({ path, code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" });
    return;
  }
  if (am.parse !== undefined) {
    if (!Array.isArray(am.parse)) errors.push({ path: `${path}.parse`, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    else
      am.parse.forEach((v: unknown, i: number) => {
        if (!["users", "roles", "everyone"].includes(v as string))
          errors.push({ path: `${path}.parse.${i}`, code: "BASE_TYPE_CHOICES", message: "Value must be one of ('roles', 'users', 'everyone')." });
      });
    if (Array.isArray(am.parse) && am.parse.includes("users") && Array.isArray(am.users) && am.users.length)
      errors.push({ path: `${path}`, code: "ALLOWED_MENTIONS_PARSE_EXCLUSIVE", message: 'parse:["users"] and users: [ids] are mutually exclusive.' });
    if (Array.isArray(am.parse) && am.parse.includes("roles") && Array.isArray(am.roles) && am.roles.length)
      errors.push({ path: `${path}`, code: "ALLOWED_MENTIONS_PARSE_EXCLUSIVE", message: 'parse:["roles"] and roles: [ids] are mutually exclusive.' });
  }
  for (const k of ["users", "roles"])
    if (Array.isArray(am[k]) && am[k].length > 100)
      errors.push({ path: `${path}.${k}`, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 100 or fewer in length." });
}

export interface MessageValidationOptions {
  mode: "create" | "edit";
  /** Number of uploaded files in this request. */
  fileCount: number;
  /** Interaction responses and follow-ups may set EPHEMERAL (64). */
  allowEphemeral: boolean;
  /** Path prefix for errors ("" for channel messages, "data" for interaction callbacks). */
  prefix?: string;
  /** For edits: whether the message that is edited still has attachments/content after the edit (checked by caller). */
}

const ALLOWED_FLAGS_BASE = 4 | 4096 | (1 << 15);

/** Throws ApiError when the message payload would be refused by Discord. */
export function validateMessageBody(body: unknown, o: MessageValidationOptions): void {
  const pre = o.prefix ? `${o.prefix}.` : "";
  if (!isObj(body)) {
    if (o.mode === "create") throw apiErrors.emptyMessage();
    return;
  }
  const errors: FieldError[] = [];
  if (body.content !== undefined && body.content !== null) str(errors, `${pre}content`, body.content, { max: 2000 });
  validateEmbeds(errors, `${pre}embeds`, body.embeds);
  const flags = typeof body.flags === "number" ? body.flags : 0;
  const allowed = ALLOWED_FLAGS_BASE | (o.allowEphemeral ? 64 : 0);
  if (body.flags !== undefined && body.flags !== null && (typeof body.flags !== "number" || (flags & ~allowed) !== 0))
    errors.push({
      path: `${pre}flags`,
      code: "MESSAGE_FLAGS_INVALID",
      message: `Invalid message flags ${String(body.flags)}; allowed here: ${allowed}`,
    });
  if (flags & (1 << 15)) {
    if ((typeof body.content === "string" && body.content.length) || (Array.isArray(body.embeds) && body.embeds.length))
      errors.push({
        path: `${pre}content`,
        code: "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        message: "The 'content' and 'embeds' fields cannot be used when using components v2",
      });
  }
  validateComponents(errors, `${pre}components`, body.components, flags);
  validateAllowedMentions(errors, `${pre}allowed_mentions`, body.allowed_mentions);
  if (body.tts !== undefined && typeof body.tts !== "boolean")
    errors.push({ path: `${pre}tts`, code: "BASE_TYPE_BOOLEAN", message: "Must be either true or false." });
  if (errors.length) throw formError(errors);
  if (o.mode === "create") {
    const hasContent = typeof body.content === "string" && body.content.trim().length > 0;
    const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
    const hasComponents = Array.isArray(body.components) && body.components.length > 0;
    const hasStickers = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
    if (!hasContent && !hasEmbeds && !hasComponents && !hasStickers && !body.poll && o.fileCount === 0)
      throw apiErrors.emptyMessage();
  }
}

export function validateAutocompleteResult(data: unknown): void {
  const errors: FieldError[] = [];
  if (!isObj(data) || !Array.isArray(data.choices)) {
    errors.push({ path: "data.choices", code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else {
    if (data.choices.length > 25)
      errors.push({ path: "data.choices", code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
    data.choices.forEach((c: any, i: number) => {
      str(errors, `data.choices.${i}.name`, c?.name, { min: 1, max: 100, required: true });
      if (typeof c?.value === "string") str(errors, `data.choices.${i}.value`, c.value, { max: 100 });
      else if (typeof c?.value !== "number")
        errors.push({ path: `data.choices.${i}.value`, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
    });
  }
  if (errors.length) throw formError(errors);
}

export function validateModal(data: unknown): void {
  const errors: FieldError[] = [];
  if (!isObj(data)) errors.push({ path: "data", code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  else {
    str(errors, "data.custom_id", data.custom_id, { min: 1, max: 100, required: true });
    str(errors, "data.title", data.title, { min: 1, max: 45, required: true });
    if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5)
      errors.push({ path: "data.components", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 5 in length." });
  }
  if (errors.length) throw formError(errors);
}

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommandOptions(errors: FieldError[], path: string, options: unknown, depth: number) {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.push({ path, code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return;
  }
  if (options.length > 25) errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((opt: any, i: number) => {
    const p = `${path}.${i}`;
    if (!isObj(opt)) return;
    if (typeof opt.name !== "string" || !CHAT_INPUT_NAME.test(opt.name) || opt.name !== opt.name.toLowerCase())
      errors.push({ path: `${p}.name`, code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
    if (names.has(opt.name))
      errors.push({ path: `${p}.name`, code: "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", message: "Option names must be unique" });
    names.add(opt.name);
    str(errors, `${p}.description`, opt.description, { min: 1, max: 100, required: true });
    if (typeof opt.type !== "number" || opt.type < 1 || opt.type > 11)
      errors.push({ path: `${p}.type`, code: "BASE_TYPE_CHOICES", message: "Value must be one of 1..11." });
    const isSub = opt.type === 1 || opt.type === 2;
    if (isSub) {
      if (opt.type === 2 && depth > 0)
        errors.push({ path: `${p}.type`, code: "APPLICATION_COMMAND_OPTION_TYPE_INVALID", message: "Subcommand groups can only be nested at the top level" });
      if (opt.type === 1 && depth > 1)
        errors.push({ path: `${p}.type`, code: "APPLICATION_COMMAND_OPTION_TYPE_INVALID", message: "Subcommands nested too deep" });
      validateCommandOptions(errors, `${p}.options`, opt.options, depth + 1);
    } else {
      if (opt.required) {
        if (seenOptional)
          errors.push({ path: `${p}.required`, code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", message: "Required options must be placed before non-required options" });
      } else seenOptional = true;
      if (opt.choices !== undefined) {
        if (opt.autocomplete)
          errors.push({ path: `${p}.autocomplete`, code: "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES", message: "Autocomplete and choices are mutually exclusive" });
        if (!Array.isArray(opt.choices) || opt.choices.length > 25)
          errors.push({ path: `${p}.choices`, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
        else
          opt.choices.forEach((c: any, j: number) => {
            str(errors, `${p}.choices.${j}.name`, c?.name, { min: 1, max: 100, required: true });
            if (typeof c?.value === "string") str(errors, `${p}.choices.${j}.value`, c.value, { max: 100 });
          });
      }
      if (opt.max_length !== undefined && (opt.max_length < 1 || opt.max_length > 6000))
        errors.push({ path: `${p}.max_length`, code: "NUMBER_TYPE_MAX", message: "int value should be between 1 and 6000." });
    }
  });
  if (depth === 0 || depth === 1) {
    const subs = options.filter((o: any) => o?.type === 1 || o?.type === 2).length;
    if (subs > 0 && subs !== options.length)
      errors.push({ path, code: "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", message: "Subcommands cannot be mixed with other options" });
  }
}

/** Validates one application command create/overwrite body; `path` is the error prefix ("" or "0"). */
export function commandErrors(cmd: unknown, path = ""): FieldError[] {
  const pre = path ? `${path}.` : "";
  const errors: FieldError[] = [];
  if (!isObj(cmd)) return [{ path: path || "_", code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" }];
  const type = cmd.type ?? 1;
  if (![1, 2, 3, 4].includes(type))
    errors.push({ path: `${pre}type`, code: "BASE_TYPE_CHOICES", message: "Value must be one of {1, 2, 3, 4}." });
  if (type === 1) {
    if (typeof cmd.name !== "string" || !CHAT_INPUT_NAME.test(cmd.name) || cmd.name !== cmd.name.toLowerCase())
      errors.push({ path: `${pre}name`, code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
    str(errors, `${pre}description`, cmd.description, { min: 1, max: 100, required: true });
    validateCommandOptions(errors, `${pre}options`, cmd.options, 0);
  } else {
    str(errors, `${pre}name`, cmd.name, { min: 1, max: 32, required: true });
    if (typeof cmd.description === "string" && cmd.description.length)
      errors.push({ path: `${pre}description`, code: "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", message: "Context menu commands cannot have a description" });
    if (Array.isArray(cmd.options) && cmd.options.length)
      errors.push({ path: `${pre}options`, code: "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS", message: "Context menu commands cannot have options" });
  }
  return errors;
}

export function validateCommandList(list: unknown): void {
  if (!Array.isArray(list)) throw formError([{ path: "_", code: "BASE_TYPE_ARRAY", message: "Must be an array." }]);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((c, i) => {
    errors.push(...commandErrors(c, String(i)));
    if (isObj(c)) {
      const key = `${c.type ?? 1}:${String(c.name)}`;
      if (seen.has(key))
        errors.push({ path: `${i}.name`, code: "APPLICATION_COMMANDS_DUPLICATE_NAME", message: `Application command names must be unique: ${String(c.name)}` });
      seen.add(key);
    }
  });
  if (errors.length) throw formError(errors);
}
