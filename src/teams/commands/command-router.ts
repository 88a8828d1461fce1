import { randomUUID } from 'node:crypto';

import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';

import { AppError } from '../../errors/app-error';
import { forDisplay } from '../../text/safe-text';
import type { Command, ParsedCommand } from './command';
import type { CommandDeps, CommandRequest } from './command-context';
import { helpText } from './help';
import { digestText, shadowReport } from './digest';
import { moveHere } from './here';
import { showHistory } from './history';
import { readMessage } from './inbound-message';
import { parseCommand } from './parse-command';
import { registerPhone } from './register';
import { setPrimary } from './set-primary';
import { verifyPhone } from './verify';
import { whoIsOnCall } from './who';

/**
 * Answers chat messages: parses the command once, runs its handler and replies in plain
 * text. Every message gets an answer; a failure becomes "unexpected error" and a reference.
 */
export class CommandRouter {
  readonly #deps: CommandDeps;

  constructor(deps: CommandDeps) {
    this.#deps = deps;
  }

  async handle(ctx: TurnContext): Promise<void> {
    const { activity } = ctx;
    if (!activity.text && activity.value !== undefined) {
      // A card's Action.Submit: not a command, and not this router's to answer.
      return;
    }

    const parsed = parseCommand(readMessage(activity));
    const request: CommandRequest = {
      activity,
      sender: { teamsUserId: activity.from?.id ?? '', name: senderName(activity) },
      log: this.#deps.logger.child({
        activityId: activity.id,
        command: parsed.kind === 'command' ? parsed.command.kind : parsed.kind,
      }),
    };
    const reply = await this.#answer(parsed, request);
    await ctx.sendActivity(
      Activity.fromObject({ type: 'message', text: reply, textFormat: 'plain' }),
    );
  }

  async #answer(parsed: ParsedCommand, request: CommandRequest): Promise<string> {
    switch (parsed.kind) {
      case 'empty':
        return helpText();
      case 'other':
        return 'I only understand oncall commands. Say "oncall help" for the list.';
      case 'invalid':
        return `Sorry, ${parsed.problem}.\nTry: ${parsed.usage}`;
      case 'command':
        return this.#run(parsed.command, request);
    }
  }

  async #run(command: Command, request: CommandRequest): Promise<string> {
    if (request.sender.teamsUserId === '') {
      return 'I cannot tell who sent this message, so I cannot act on it.';
    }

    try {
      return await this.#dispatch(command, request);
    } catch (err) {
      if (err instanceof AppError && err.safe) {
        return `Sorry: ${err.message}`;
      }

      const reference = randomUUID();
      request.log.error({ err, reference }, 'command failed');
      return `Sorry, an unexpected error stopped that command (reference ${reference}).`;
    }
  }

  #dispatch(command: Command, request: CommandRequest): Promise<string> | string {
    const deps = this.#deps;
    switch (command.kind) {
      case 'help':
        return helpText();
      case 'who':
        return whoIsOnCall(deps);
      case 'set':
        return setPrimary(deps, request, command);
      case 'register':
        return registerPhone(deps, request, command);
      case 'verify':
        return verifyPhone(deps, request, command);
      case 'history':
        return showHistory(deps, command);
      case 'here':
        return moveHere(deps, request);
      case 'digest':
        return digestText(deps);
      case 'shadow-report':
        return shadowReport(deps, command.days);
    }
  }
}

/** The sender's display name, bounded: it may be stored for a person registering. */
function senderName(activity: Activity): string {
  return forDisplay(activity.from?.name ?? '', 100);
}
