import type { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';

import type { TeamsChannelReference } from '../channels/teams-publisher';
import { SOC_CHANNEL } from '../escalation/pager';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { channelReferenceOf, isBotAddedToTeam } from './channel-reference';
import { commandText } from './command-text';

export interface TeamsBotDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
}

const HELP =
  'SOC on-call bot. Commands: "oncall here" posts escalations to this channel from now on.';

/**
 * Handles inbound Teams activities: keeps the SOC channel's reference fresh and answers
 * commands. Every activity of the SOC channel's team refreshes its service URL.
 */
export class TeamsBot {
  readonly #deps: TeamsBotDeps;

  constructor(deps: TeamsBotDeps) {
    this.#deps = deps;
  }

  async handle(ctx: TurnContext): Promise<void> {
    const { activity } = ctx;
    await this.#refreshServiceUrl(activity);

    if (isBotAddedToTeam(activity)) {
      await this.#captureOnInstall(activity);
      return;
    }

    if (activity.type === 'message') {
      await this.#onMessage(ctx);
    }
  }

  async #onMessage(ctx: TurnContext): Promise<void> {
    const command = commandText(ctx.activity);
    if (command === null) {
      return;
    }

    if (command === 'oncall here') {
      await ctx.sendActivity(await this.#moveHere(ctx.activity));
      return;
    }

    await ctx.sendActivity(HELP);
  }

  async #moveHere(activity: Activity): Promise<string> {
    const reference = channelReferenceOf(activity);
    if (reference === null) {
      return '"oncall here" works in a team channel: mention me there.';
    }

    await this.#save(reference, 'moved by command');
    return 'Escalations will be posted to this channel from now on.';
  }

  async #captureOnInstall(activity: Activity): Promise<void> {
    const reference = channelReferenceOf(activity);
    if (reference === null) {
      return;
    }

    const current = (await this.#deps.store.conversation(
      SOC_CHANNEL,
    )) as TeamsChannelReference | null;
    if (current !== null && current.teamId !== reference.teamId) {
      this.#deps.logger.info(
        { teamId: reference.teamId },
        'added to another team: say "oncall here" to move',
      );
      return;
    }

    await this.#save(reference, 'bot added to team');
  }

  async #refreshServiceUrl(activity: Activity): Promise<void> {
    const reference = channelReferenceOf(activity);
    if (reference === null) {
      return;
    }

    const current = (await this.#deps.store.conversation(
      SOC_CHANNEL,
    )) as TeamsChannelReference | null;
    if (current === null || current.teamId !== reference.teamId) {
      return;
    }

    if (current.serviceUrl !== reference.serviceUrl) {
      await this.#save({ ...current, serviceUrl: reference.serviceUrl }, 'service URL changed');
    }
  }

  async #save(reference: TeamsChannelReference, why: string): Promise<void> {
    await this.#deps.store.saveConversation(SOC_CHANNEL, reference, this.#deps.clock());
    this.#deps.logger.info(
      { channelId: reference.channelId, teamId: reference.teamId, why },
      'SOC channel set',
    );
  }
}
