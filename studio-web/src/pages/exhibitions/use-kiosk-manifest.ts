import { useEffect, useState } from 'react';
import { exhibitionApi } from '../../api/exhibition.client';
import { eventSourceStream, KioskFeed, type KioskState } from './kiosk-feed';

/**
 * An exhibition's manifest, kept current by its event stream (kiosk-feed.ts says how it survives outages): the kiosk
 * and the garden both show only what it holds, so a withdrawal leaves them as soon as the server says so.
 */
export function useKioskManifest(id: string): KioskState {
  const [state, setState] = useState<KioskState>({ manifest: null, connection: 'connecting', gone: false });
  useEffect(() => {
    const feed = new KioskFeed({
      eventsUrl: exhibitionApi.kioskEventsUrl(id),
      openStream: eventSourceStream,
      fetchManifest: () => exhibitionApi.kiosk(id),
      onState: setState,
    });
    feed.start();
    return () => feed.stop();
  }, [id]);
  return state;
}
