import { AppError } from '../errors/app-error';

/**
 * A send that failed. `refused` means the provider looked at the request and said no
 * (shown, never retried); otherwise the fault is on the way (retry may help).
 */
export class ChannelError extends AppError {
  readonly refused: boolean;
  readonly httpStatus: number | null;

  constructor(
    message: string,
    options: { refused: boolean; httpStatus?: number; cause?: unknown },
  ) {
    super(options.refused ? 'CHANNEL_REFUSED' : 'CHANNEL_UNAVAILABLE', message, {
      status: 502,
      cause: options.cause,
    });
    this.name = 'ChannelError';
    this.refused = options.refused;
    this.httpStatus = options.httpStatus ?? null;
  }
}
