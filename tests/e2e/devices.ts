/** The screens every visitor journey runs on: a desktop, a 1024×768 tablet and a 390×844 phone, the last two with touch. */
export const DEVICES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false },
  { name: 'tablet', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
] as const;
export type Device = (typeof DEVICES)[number];
export type DeviceName = Device['name'];

