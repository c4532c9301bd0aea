/**
 * Serves `GET /openapi.json`, generated from the `@ApiOperation`s of the controllers in
 * the app. A feature module imports `OpenApiModule.forRoot({ title, description })`.
 */
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OPENAPI_INFO, OpenApiDocument, type OpenApiInfo } from './openapi.document';

@Controller()
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get('openapi.json')
  get(): Record<string, unknown> {
    return this.document.get();
  }
}

@Module({})
export class OpenApiModule {
  static forRoot(info: OpenApiInfo): DynamicModule {
    return {
      module: OpenApiModule,
      imports: [DiscoveryModule],
      controllers: [OpenApiController],
      providers: [{ provide: OPENAPI_INFO, useValue: info }, OpenApiDocument],
    };
  }
}
