/**
 * The ingestion service's feature module: the registry view and gateway normaliser
 * workers. The app passes it and INGESTION_MIGRATIONS to the service kit.
 */
import { Module } from '@nestjs/common';
import { IngestionWorkers } from './ingestion.workers';

@Module({ providers: [IngestionWorkers] })
export class IngestionModule {}
