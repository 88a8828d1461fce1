import type { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';

import type { TeamsChannelReference } from '../channels/teams-publisher';
import { SOC_CHANNEL } from '../escalation/pager';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { channelReferenceOf, isBotAddedToTeam } from './channel-reference';
import type { CommandRouter } from './commands/command-router';

export interface TeamsBotDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Answers every chat message: the oncall commands. */
  readonly commands: CommandRouter;
}

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
      await this.#deps.commands.handle(ctx);
      return;
    }

    // Invoke activities (card actions) are not handled here: they belong to the escalation
    // engine's card-action handler, which gets them before this class does.
  }

  async #captureOnInstall(activity: Activity): Promise<void> {
    const reference = channelReferenceOf(activity);
    if (reference === null) {
      return;
    }

    const current = await this.#storedChannel();
    if (current !== null && current.teamId !== reference.teamId) {
      this.#deps.logger.info(
        { teamId: reference.teamId },
        'added to another team: say "oncall here" to move',
      );
      return;
    }

    await this.#save(reference, 'bot added to team');
  }

  async #storedChannel(): Promise<TeamsChannelReference | null> {
    return (await this.#deps.store.conversation(SOC_CHANNEL)) as TeamsChannelReference | null;
  }

  async #refreshServiceUrl(activity: Activity): Promise<void> {
    const reference = channelReferenceOf(activity);
    if (reference === null) {
      return;
    }

    const current = await this.#storedChannel();
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
