// One human confirmation per wave, bound to its plan. Where the client offers elicitation the server
// asks the user (a multi-round-trip input request: on 2025 clients the SDK sends it as a request of
// its own, on 2026-07-28 ones the client fulfils it); a decline sends nothing. A client without
// elicitation is refused, unless the server started with --confirm=client (the host's own approval
// of each call is trusted). The answer counts only with the state this server minted for that plan,
// so that a caller cannot bring a made-up "accept" along with its first call.
import { randomBytes } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type ServerContext,
} from '@modelcontextprotocol/server';

export type Verdict = { go: true } | { problem: string } | { ask: InputRequiredResult };

const ASK_TTL_MS = 30 * 60_000;

const SCHEMA = {
  type: 'object' as const,
  properties: {
    confirm: {
      type: 'boolean' as const,
      title: 'Send these calls',
      description: 'Yes sends the wave as planned; no sends nothing.',
      default: false,
    },
  },
  required: ['confirm'],
};

export class Confirmations {
  /** The state of each question asked, to the plan it asked about. */
  readonly #asked = new Map<string, { planId: string; at: number }>();

  constructor(
    private readonly mode: 'elicit' | 'client',
    private readonly now: () => number,
  ) {}

  confirm(
    ctx: ServerContext,
    clientCapabilities: () => Record<string, any> | undefined,
    plan: { plan_id: string; message: string },
  ): Verdict {
    if (this.mode === 'client') return { go: true };
    const state = ctx.mcpReq.requestState<string>();
    const asked = typeof state === 'string' ? this.#asked.get(state) : undefined;
    if (asked && asked.planId === plan.plan_id && typeof state === 'string') {
      this.#asked.delete(state);
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
      if (answer.kind === 'elicit') {
        if (answer.action === 'accept' && answer.content?.confirm === true) return { go: true };
        return { problem: `declined (${answer.action}): nothing was sent; the plan can be run until it expires` };
      }
    }
    const envelope = ctx.mcpReq.envelope as Record<string, any> | undefined;
    const elicitation = (envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? clientCapabilities())?.elicitation;
    // Form mode is what is asked for; a bare `elicitation: {}` means form (the rule before modes).
    if (!elicitation || (elicitation.form === undefined && elicitation.url !== undefined)) {
      return {
        problem:
          'this client cannot ask the user to confirm a wave (it offers no elicitation): nothing was sent. ' +
          'Use a client that does, or restart the server with --confirm=client to rely on the host approving each call',
      };
    }
    for (const [key, { at }] of this.#asked) if (this.now() - at > ASK_TTL_MS) this.#asked.delete(key);
    const nonce = randomBytes(16).toString('hex');
    this.#asked.set(nonce, { planId: plan.plan_id, at: this.now() });
    return {
      ask: inputRequired({
        inputRequests: { confirm: inputRequired.elicit({ message: plan.message, requestedSchema: SCHEMA }) },
        requestState: nonce,
      }),
    };
  }
}
