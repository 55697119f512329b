import { Module } from '@nestjs/common';
import { WebUiHttpController } from './web-ui.http.controller';

/** The browser UI's pages and the repository's source files that "View source" links to. */
@Module({
  controllers: [WebUiHttpController],
})
export class WebUiModule {}
