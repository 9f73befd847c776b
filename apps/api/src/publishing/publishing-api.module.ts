import { Module } from '@nestjs/common';
import { PublishingModule } from '@app/publishing';
import { OpenDataController, PublishController } from './publication.controllers';

/** /publish (staff and auditors) and /open-data (anyone, with PUBLISH_OPEN=true). */
@Module({
  imports: [PublishingModule],
  controllers: [PublishController, OpenDataController],
})
export class PublishingApiModule {}
