/**
 * @ossproc/preview: run OSS/IMM processing strings on local files — video/convert, video/snapshot and
 * audio/convert as one ffmpeg command whose output is read back with ffprobe, image/* with sharp — and a
 * local bucket server that answers ?x-oss-process and x-oss-async-process. Parameter meaning and defaults
 * come from @ossproc/core's catalog.
 */
export { preview, runRequest, kindOf, outputPath, RefusedError, type PreviewOptions, type PreviewResult } from './preview';
export { readRequest, PreviewError, TaskFailure, type Request, type Step, type SaveAs } from './request';
export { insideFolder } from './paths';
export { expandTarget, type TargetContext } from './target';
export { planConvert, planSnapshot, mediaExtension, BITRATE_TOLERANCE, type MediaPlan, type Expectation } from './media/plan';
export { probe, type MediaInfo } from './media/probe';
export { resolveTools, shellQuote, type Tools } from './media/tools';
export type { Check } from './media/verify';
export { resizePlan, cropRect, indexCropRect, circleRect, rotatedSize, watermarkPosition } from './image/geometry';
export { CONTENT_TYPES } from './image/pipeline';
export { createServer, type ServeOptions, type PreviewServer } from './serve/server';
export { readStyles } from './serve/styles';
