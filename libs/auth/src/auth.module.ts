import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { tokenKeysFrom } from './token-keys';
import { TokenVerifier } from './token-verifier';

/** The token verifier the configuration asks for; says once, at start-up, which keys it trusts. */
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const { keys, note } = tokenKeysFrom(config);
        new Logger('Auth').log(note);
        return new TokenVerifier(keys, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      },
    },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
