/** Serves the OpenAPI document generated from the registry's controllers. */
import { Controller, Get } from '@nestjs/common';
import { OpenApiDocument } from './openapi.document';

@Controller()
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get('openapi.json')
  get(): Record<string, unknown> {
    return this.document.get();
  }
}
