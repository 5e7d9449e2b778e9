import { z } from 'zod';
import { LANGS } from '@atelier/contracts/lang';
import { RENDITIONS } from '../../services/creation';

export const workshopParams = z.object({ id: z.string().max(64) });
export const pupilParams = z.object({ id: z.string().max(64), pupilId: z.string().max(64) });
export const submissionParams = z.object({ id: z.string().max(64), submissionId: z.string().max(64) });
export const imageParams = submissionParams.extend({ rendition: z.enum(RENDITIONS) });
export const takeHomeParams = z.object({ token: z.string().max(64) });
export const takeHomeImageParams = takeHomeParams.extend({ submissionId: z.string().max(64), rendition: z.enum(RENDITIONS) });
export const langQuery = z.object({ lang: z.enum(LANGS).default('en') });
export const lockRequest = z.object({ locked: z.boolean() });
export const emptyRequest = z.object({}).strict();
export const okSchema = z.object({ ok: z.literal(true) });
