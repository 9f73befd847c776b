import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * Validated configuration for every app. `forRoot()` reads the process environment
 * (through @nestjs/config, which also loads a local `.env` file if there is one);
 * `forValues()` takes literal values (tests).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: ConfigModule,
      imports: [NestConfigModule.forRoot({ validate: (env) => ({ ...loadConfig(env as Record<string, string>) }) })],
      providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
      exports: [AppConfig],
    };
  }

  static forValues(values: Record<string, string | undefined>): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: loadConfig(values) }],
      exports: [AppConfig],
    };
  }
}
