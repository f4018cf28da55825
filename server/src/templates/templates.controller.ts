import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { TextTemplate } from '#shared/templates';
import { Access } from '../auth/access.decorator';
import type { WriteContext } from '../board-core/write-context';
import { Write } from '../common/write-context.decorator';
import { WriteRoutes } from '../common/write-routes.decorator';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { PutTemplateDto } from './dto/put-template.dto';
import { TemplateParams } from './dto/template-params';
import { TemplatesService } from './templates.service';
import { wireArray, wireRef } from '../openapi/wire-schema';

/** Named disruption texts with a text per language: kept by admins, picked by operators in the console. */
@ApiTags('templates')
@WriteRoutes()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Access('signed-in')
  @ApiOperation({ summary: 'All disruption templates, by name' })
  @ApiOkResponse({ schema: wireArray('TextTemplate') })
  list(): Promise<TextTemplate[]> {
    return this.templates.list();
  }

  @Put(':templateId')
  @Access('admin')
  @ApiOperation({ summary: 'Create or replace a disruption template' })
  @ApiOkResponse({ schema: wireRef('TextTemplate'), description: 'The template existed and was replaced' })
  @ApiCreatedResponse({ schema: wireRef('TextTemplate'), description: 'The template was created' })
  async put(
    @Write() write: WriteContext,
    @Param() { templateId }: TemplateParams,
    @Body() body: PutTemplateDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TextTemplate> {
    const { template, created } = await this.templates.put(write, templateId, body);
    res.status(created ? 201 : 200);
    return template;
  }

  @Delete(':templateId')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a disruption template' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponse(404, '`not_found`: no template has this id')
  remove(@Write() write: WriteContext, @Param() { templateId }: TemplateParams): Promise<void> {
    return this.templates.remove(write, templateId);
  }
}
