import type { CreateStaffRequest, StaffAccountView, UpdateStaffRequest } from '@atelier/contracts/staff.schema';
import { postJson, request } from './http';

const BASE = '/api/gallery/staff';

/** The admin's staff page (gallery-api routes/staff). */
export const staffApi = {
  async list(): Promise<StaffAccountView[]> {
    return (await request<{ accounts: StaffAccountView[] }>(BASE)).accounts;
  },
  create: (body: CreateStaffRequest) => postJson<StaffAccountView>(BASE, body),
  update: (username: string, body: UpdateStaffRequest) =>
    request<StaffAccountView>(`${BASE}/${encodeURIComponent(username)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
};
