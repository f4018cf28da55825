import { Injectable } from '@nestjs/common';
import type { PutTemplateBody, TextTemplate } from '#shared/templates';
import { invalidField, notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import type { WriteContext } from '../board-core/write-context';
import { TemplatesRepository } from './templates.repository';

/** Disruption templates: admins keep them, operators pick them. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly clock: Clock,
    private readonly repository: TemplatesRepository,
  ) {}

  list(): Promise<TextTemplate[]> {
    return this.repository.list();
  }

  async put(write: WriteContext, id: string, body: PutTemplateBody): Promise<{ template: TextTemplate; created: boolean }> {
    if (body.texts.en === undefined)
      throw invalidField('texts', 'texts must include "en", what a board in any other language falls back to');
    if (body.use === 'alert' && !body.severity) throw invalidField('severity', 'severity is required for an alert template');
    const template: TextTemplate = {
      id,
      name: body.name.trim(),
      use: body.use,
      severity: body.use === 'alert' ? (body.severity ?? null) : null,
      texts: Object.fromEntries(Object.entries(body.texts).map(([language, text]) => [language, text.trim()])),
      updatedAt: this.clock.now().toISOString(),
      updatedBy: write.author.actor.name,
    };
    const replaced = await this.repository.save(template, write.author);
    return { template, created: replaced === null };
  }

  async remove(write: WriteContext, id: string): Promise<void> {
    if (!(await this.repository.remove(id, write.author))) throw notFound('Template', id);
  }
}
