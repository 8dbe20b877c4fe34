/**
 * The Block Kit limits Slack enforces, as the local Slack checks them: a message or view that
 * breaks one is refused here exactly where real Slack would refuse it (`invalid_blocks`,
 * `invalid_arguments`), with the same `[ERROR] … [json-pointer:…]` messages.
 * Only the common blocks and elements are checked in depth; unknown ones are refused.
 */

export interface BlockKitProblem {
  /** JSON pointer into the checked value, e.g. `/blocks/0/text/text`. */
  pointer: string;
  message: string;
}

type Surface = "message" | "modal" | "home";

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const KNOWN_BLOCKS = new Set([
  "section",
  "header",
  "context",
  "actions",
  "divider",
  "image",
  "input",
  "rich_text",
  "markdown",
  "video",
  "file",
  "table",
  "context_actions",
]);

/** Interactive elements the local Slack knows; anything else inside actions/accessory is refused. */
const KNOWN_ELEMENTS = new Set([
  "button",
  "overflow",
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
  "multi_external_select",
  "datepicker",
  "timepicker",
  "datetimepicker",
  "checkboxes",
  "radio_buttons",
  "plain_text_input",
  "email_text_input",
  "url_text_input",
  "number_input",
  "rich_text_input",
  "image",
  "workflow_button",
  "file_input",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: BlockKitProblem[] = [];

  fail(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === "string" && value.length > max) {
      this.fail(pointer, `must be less than ${max + 1} characters`);
    }
  }

  text(value: unknown, pointer: string, max: number, only?: "plain_text"): void {
    if (!isObject(value)) {
      this.fail(pointer, "must be an object");
      return;
    }
    if (value.type !== "plain_text" && value.type !== "mrkdwn") {
      this.fail(`${pointer}/type`, "must be one of [plain_text, mrkdwn]");
    } else if (only && value.type !== only) {
      this.fail(`${pointer}/type`, `must be ${only}`);
    }
    if (typeof value.text !== "string" || value.text.length === 0) {
      this.fail(`${pointer}/text`, "must be more than 0 characters");
    } else {
      this.maxLength(value.text, max, `${pointer}/text`);
    }
  }

  element(value: unknown, pointer: string): void {
    if (!isObject(value)) {
      this.fail(pointer, "must be an object");
      return;
    }
    const type = value.type;
    if (typeof type !== "string" || !KNOWN_ELEMENTS.has(type)) {
      this.fail(`${pointer}/type`, `unknown element type ${JSON.stringify(type)}`);
      return;
    }
    this.maxLength(value.action_id, 255, `${pointer}/action_id`);
    if (type === "button") {
      this.text(value.text, `${pointer}/text`, 75, "plain_text");
      this.maxLength(value.value, 2000, `${pointer}/value`);
      this.maxLength(value.url, 3000, `${pointer}/url`);
      if (value.style !== undefined && value.style !== "primary" && value.style !== "danger") {
        this.fail(`${pointer}/style`, "must be one of [primary, danger]");
      }
    }
    if (type === "image") {
      this.maxLength(value.alt_text, 2000, `${pointer}/alt_text`);
    }
    if (type === "plain_text_input") this.textInput(value, pointer);
    if (Array.isArray(value.options)) {
      value.options.forEach((option, i) => {
        const at = `${pointer}/options/${i}`;
        if (!isObject(option)) {
          this.fail(at, "must be an object");
          return;
        }
        this.text(option.text, `${at}/text`, 75);
        this.maxLength(option.value, 150, `${at}/value`);
      });
    }
    if (value.placeholder !== undefined) {
      this.text(value.placeholder, `${pointer}/placeholder`, 150, "plain_text");
    }
  }

  /** A plain text input: lengths of at most 3000, and an initial value within its own maximum. */
  textInput(value: Record<string, unknown>, pointer: string): void {
    for (const key of ["max_length", "min_length"] as const) {
      const length = value[key];
      if (length === undefined) continue;
      if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || length > 3000)
        this.fail(`${pointer}/${key}`, "must be an integer from 0 to 3000");
    }
    const max = typeof value.max_length === "number" ? Math.min(value.max_length, 3000) : 3000;
    this.maxLength(value.initial_value, max, `${pointer}/initial_value`);
  }

  /** An element of a `context_actions` block: feedback buttons or an icon button. */
  contextAction(value: unknown, pointer: string): void {
    if (!isObject(value)) {
      this.fail(pointer, "must be an object");
      return;
    }
    this.maxLength(value.action_id, 255, `${pointer}/action_id`);
    if (value.type === "icon_button") {
      this.text(value.text, `${pointer}/text`, 75, "plain_text");
      this.maxLength(value.value, 2000, `${pointer}/value`);
      return;
    }
    if (value.type !== "feedback_buttons") {
      this.fail(`${pointer}/type`, "must be one of [feedback_buttons, icon_button]");
      return;
    }
    for (const key of ["positive_button", "negative_button"] as const) {
      const button = value[key];
      const at = `${pointer}/${key}`;
      if (!isObject(button)) {
        this.fail(at, "is required");
        continue;
      }
      this.text(button.text, `${at}/text`, 75, "plain_text");
      if (typeof button.value !== "string" || button.value.length === 0) {
        this.fail(`${at}/value`, "must be more than 0 characters");
      }
      this.maxLength(button.value, 2000, `${at}/value`);
      this.maxLength(button.accessibility_label, 75, `${at}/accessibility_label`);
    }
  }

  block(value: unknown, pointer: string, surface: Surface, blockIds: Set<string>): void {
    if (!isObject(value)) {
      this.fail(pointer, "must be an object");
      return;
    }
    const type = value.type;
    if (typeof type !== "string" || !KNOWN_BLOCKS.has(type)) {
      this.fail(`${pointer}/type`, `unknown block type ${JSON.stringify(type)}`);
      return;
    }
    if (typeof value.block_id === "string") {
      this.maxLength(value.block_id, 255, `${pointer}/block_id`);
      if (blockIds.has(value.block_id)) {
        this.fail(`${pointer}/block_id`, `duplicate block_id ${JSON.stringify(value.block_id)}`);
      }
      blockIds.add(value.block_id);
    }
    switch (type) {
      case "section": {
        if (value.text === undefined && value.fields === undefined) {
          this.fail(pointer, "must provide either text or fields");
        }
        if (value.text !== undefined) this.text(value.text, `${pointer}/text`, 3000);
        if (value.fields !== undefined) {
          if (!Array.isArray(value.fields) || value.fields.length > 10) {
            this.fail(`${pointer}/fields`, "must be an array of at most 10 items");
          } else {
            value.fields.forEach((field, i) => {
              this.text(field, `${pointer}/fields/${i}`, 2000);
            });
          }
        }
        if (value.accessory !== undefined) this.element(value.accessory, `${pointer}/accessory`);
        break;
      }
      case "header":
        this.text(value.text, `${pointer}/text`, 150, "plain_text");
        break;
      case "context": {
        const elements = value.elements;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) {
          this.fail(`${pointer}/elements`, "must be an array of 1 to 10 items");
          break;
        }
        elements.forEach((element, i) => {
          const at = `${pointer}/elements/${i}`;
          if (isObject(element) && element.type === "image") this.element(element, at);
          else this.text(element, at, 3000);
        });
        break;
      }
      case "actions": {
        const elements = value.elements;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
          this.fail(`${pointer}/elements`, "must be an array of 1 to 25 items");
          break;
        }
        const actionIds = new Set<string>();
        elements.forEach((element, i) => {
          const at = `${pointer}/elements/${i}`;
          this.element(element, at);
          if (isObject(element) && typeof element.action_id === "string") {
            if (actionIds.has(element.action_id)) {
              this.fail(
                `${at}/action_id`,
                `duplicate action_id ${JSON.stringify(element.action_id)}`,
              );
            }
            actionIds.add(element.action_id);
          }
        });
        break;
      }
      case "context_actions": {
        const elements = value.elements;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 5) {
          this.fail(`${pointer}/elements`, "must be an array of 1 to 5 items");
          break;
        }
        elements.forEach((element, i) => {
          this.contextAction(element, `${pointer}/elements/${i}`);
        });
        break;
      }
      case "image":
        this.maxLength(value.image_url, 3000, `${pointer}/image_url`);
        this.maxLength(value.alt_text, 2000, `${pointer}/alt_text`);
        if (value.title !== undefined)
          this.text(value.title, `${pointer}/title`, 2000, "plain_text");
        break;
      case "input":
        if (surface === "message") {
          this.fail(pointer, "input blocks are not supported in messages");
        }
        this.text(value.label, `${pointer}/label`, 2000, "plain_text");
        if (value.hint !== undefined) this.text(value.hint, `${pointer}/hint`, 2000, "plain_text");
        if (value.element === undefined) this.fail(`${pointer}/element`, "is required");
        else this.element(value.element, `${pointer}/element`);
        break;
      case "markdown":
        this.maxLength(value.text, 12000, `${pointer}/text`);
        break;
      default:
        break;
    }
  }

  blocks(value: unknown, pointer: string, surface: Surface): void {
    if (!Array.isArray(value)) {
      this.fail(pointer, "must be an array");
      return;
    }
    const max = MAX_BLOCKS[surface];
    if (value.length > max) {
      this.fail(pointer, `must have no more than ${max} items`);
    }
    const blockIds = new Set<string>();
    value.forEach((block, i) => {
      this.block(block, `${pointer}/${i}`, surface, blockIds);
    });
  }
}

/** Problems with a message's `blocks` (at most 50 blocks). */
export function checkMessageBlocks(blocks: unknown): BlockKitProblem[] {
  const checker = new Checker();
  checker.blocks(blocks, "/blocks", "message");
  return checker.problems;
}

/** Problems with a modal or Home tab view (at most 100 blocks, title and button limits). */
export function checkView(view: unknown): BlockKitProblem[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.fail("/view", "must be an object");
    return checker.problems;
  }
  const surface: Surface | undefined =
    view.type === "modal" ? "modal" : view.type === "home" ? "home" : undefined;
  if (!surface) {
    checker.fail("/view/type", "must be one of [modal, home]");
    return checker.problems;
  }
  if (surface === "modal") {
    checker.text(view.title, "/view/title", 24, "plain_text");
    for (const key of ["submit", "close"] as const) {
      if (view[key] !== undefined) checker.text(view[key], `/view/${key}`, 24, "plain_text");
    }
    const hasInput =
      Array.isArray(view.blocks) &&
      view.blocks.some((block) => isObject(block) && block.type === "input");
    if (hasInput && view.submit === undefined) {
      checker.fail("/view/submit", "is required when a view has input blocks");
    }
  }
  checker.maxLength(view.private_metadata, 3000, "/view/private_metadata");
  checker.maxLength(view.callback_id, 255, "/view/callback_id");
  checker.maxLength(view.external_id, 255, "/view/external_id");
  checker.blocks(view.blocks, "/view/blocks", surface);
  return checker.problems;
}

/** Slack's wording of problems in `response_metadata.messages`. */
export function formatProblems(problems: readonly BlockKitProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.pointer}]`);
}
