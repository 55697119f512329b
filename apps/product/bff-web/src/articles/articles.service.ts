import { NotFoundError } from '@checkout/platform';
import { Inject, Injectable } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

export interface ArticleSummary {
  slug: string;
  title: string;
  summary: string;
}

const SLUG = /^[a-z0-9-]{1,80}$/;

/** The long-form write-ups, read from docs/articles/*.md in the repository. */
@Injectable()
export class ArticlesService {
  private readonly dir: string;

  constructor(@Inject(BFF_CONFIG) config: BffConfig) {
    this.dir = join(config.REPO_ROOT, 'docs/articles');
  }

  async list(): Promise<ArticleSummary[]> {
    const files = (await readdir(this.dir).catch(() => [] as string[])).filter((file) => file.endsWith('.md')).sort();
    return Promise.all(files.map(async (file) => summarise(file.replace(/\.md$/, ''), await readFile(join(this.dir, file), 'utf8'))));
  }

  async get(slug: string): Promise<ArticleSummary & { markdown: string }> {
    if (!SLUG.test(slug)) throw new NotFoundError('ARTICLE.NOT_FOUND', 'No such article');
    const markdown = await readFile(join(this.dir, `${slug}.md`), 'utf8').catch(() => {
      throw new NotFoundError('ARTICLE.NOT_FOUND', 'No such article');
    });
    return { ...summarise(slug, markdown), markdown };
  }
}

/** Title: the first `# ` heading; summary: the first paragraph after it. */
export function summarise(slug: string, markdown: string): ArticleSummary {
  const lines = markdown.split('\n');
  const titleAt = lines.findIndex((line) => line.startsWith('# '));
  const title = titleAt >= 0 ? lines[titleAt].slice(2).trim() : slug;
  const rest = lines.slice(titleAt + 1).join('\n').trim();
  const summary = (rest.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
  return { slug, title, summary };
}
