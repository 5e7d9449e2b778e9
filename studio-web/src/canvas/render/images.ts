import { useEffect, useState } from 'react';

const cache = new Map<string, Promise<HTMLImageElement>>();

/** Loads (once per URL) an image the canvas can draw and export: same origin, so never tainted. */
export function loadImage(url: string): Promise<HTMLImageElement> {
  let p = cache.get(url);
  if (!p) {
    p = new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error(`Could not load ${url}`));
      img.src = url;
    });
    p.catch(() => cache.delete(url)); // let a later render retry a failed load
    cache.set(url, p);
  }
  return p;
}

export function useLoadedImage(url: string | undefined): HTMLImageElement | undefined {
  const [img, setImg] = useState<HTMLImageElement>();
  useEffect(() => {
    if (!url) return;
    let live = true;
    loadImage(url).then(
      (i) => live && setImg(i),
      () => live && setImg(undefined),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return img;
}
