import { Module } from '@nestjs/common';
import { PipelineController } from './pipeline.controller';
import { PipelineQuery } from './pipeline.query';

/** GET /pipeline from the pipeline read model. */
@Module({ controllers: [PipelineController], providers: [PipelineQuery] })
export class PipelineApiModule {}
