export function transcode(container: string): string {
  const style: string = `video/convert,f_${container},vcodex_h264,fps_30`;
  return style;
}

export const ok = 'image/resize,m_lfit,w_100,h_100/format,webp';
