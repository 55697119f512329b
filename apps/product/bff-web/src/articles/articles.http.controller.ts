import { Controller, Get, Param } from '@nestjs/common';
import { ArticlesService } from './articles.service';

@Controller('api/demo/articles')
export class ArticlesHttpController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  list() {
    return this.articles.list();
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.articles.get(slug);
  }
}
