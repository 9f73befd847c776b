import { userInfo } from 'node:os';
import { Command, CommandRunner, Option } from 'nest-commander';
import { isRole, parseDuration, ROLES, signToken, tokenKeysFrom } from '@app/auth';
import { AppConfig } from '@app/config';
import { Clock } from '@app/platform/clock/clock';

interface TokenOptions {
  role?: string;
  locality?: string;
  sub?: string;
  expires?: string;
}

/** A development bearer token signed with the API's own secret; the token is the last line, for `$(… | tail -1)`. */
@Command({ name: 'token', description: 'Print a development bearer token for the API (its last line), signed with the same secret' })
export class TokenCommand extends CommandRunner {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_args: string[], options: TokenOptions): Promise<void> {
    const { keys, note } = tokenKeysFrom(this.config);
    if (keys.kind !== 'secret') {
      throw new Error(`JWKS_URL is set: the API accepts only the identity provider's tokens (${this.config.JWKS_URL}); sign in there for one`);
    }
    const role = options.role;
    if (!isRole(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    if (role === 'csp' && !options.locality) throw new Error('a csp token needs --locality <slug> (e.g. --locality blaby): a CSP user acts only for its own locality');
    const expiresInSeconds = parseDuration(options.expires ?? '8h');
    const now = this.clock.now();
    const sub = options.sub ?? userInfo().username;
    const token = signToken({ sub, role, ...(options.locality ? { locality: options.locality } : {}) }, keys.secret, {
      expiresInSeconds,
      now,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
    });
    const until = new Date(now.getTime() + expiresInSeconds * 1000).toISOString();
    process.stderr.write(`${note}\n`);
    process.stdout.write(`${sub} as ${role}${options.locality ? ` of ${options.locality}` : ''}, valid until ${until}:\n${token}\n`);
  }

  @Option({ flags: '--role <role>', description: `the role the token grants: ${ROLES.join(', ')}`, required: true })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--locality <slug>', description: "a CSP user's locality (required with --role csp)" })
  parseLocality(value: string): string {
    return value;
  }

  @Option({ flags: '--sub <id>', description: 'the actor id recorded on what the token does (default: the OS user)' })
  parseSub(value: string): string {
    return value;
  }

  @Option({ flags: '--expires <duration>', description: 'lifetime such as 30m, 8h, 7d (default 8h)' })
  parseExpires(value: string): string {
    return value;
  }
}
