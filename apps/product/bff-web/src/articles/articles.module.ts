import { Module } from '@nestjs/common';
import { ArticlesHttpController } from './articles.http.controller';
import { ArticlesService } from './articles.service';

/** The long-form write-ups, read from docs/articles. */
@Module({
  controllers: [ArticlesHttpController],
  providers: [ArticlesService],
})
export class ArticlesModule {}
