import { HttpError } from '@atelier/common/errors';
import type { CreateStaffRequest, StaffAccountView, StaffRole, UpdateStaffRequest } from '@atelier/contracts/staff.schema';
import type { PasswordHasher, StaffAccount, StaffLookup, StaffPrincipal } from './auth.service';
import { passwordProblem } from './password';
import type { StaffAuditLog } from './staff-audit';

/** The staff accounts an admin manages (StaffRepository; the CLI uses the same repository). */
export interface StaffDirectory extends StaffLookup {
  list(): Promise<StaffAccount[]>;
  /** Null when the username is taken. */
  create(a: { username: string; passwordHash: string; role: StaffRole }): Promise<StaffAccount | null>;
  /** Each of these ends the account's sessions except `enable`; false when the username is unknown. */
  setRole(username: string, role: StaffRole): Promise<boolean>;
  disable(username: string): Promise<boolean>;
  enable(username: string): Promise<boolean>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
}

export const accountView = (a: StaffAccount): StaffAccountView => ({
  username: a.username,
  role: a.role,
  createdAt: a.createdAt.toISOString(),
  disabled: a.disabledAt !== null,
});

const unknownAccount = (username: string) => new HttpError(404, 'unknown_staff', `There is no staff account ${username}.`);

/**
 * The admin's staff page: create accounts, set roles, disable and enable, reset passwords; every change is in the
 * staff audit log. An admin cannot change their own role or disable themselves, so the last admin cannot lock
 * everyone out by a slip.
 */
export class StaffAdminService {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly audit: StaffAuditLog,
    private readonly passwords: Pick<PasswordHasher, 'hash'>,
  ) {}

  async list(): Promise<StaffAccountView[]> {
    return (await this.directory.list()).map(accountView);
  }

  async create(actor: StaffPrincipal, req: CreateStaffRequest): Promise<StaffAccountView> {
    const weak = passwordProblem(req.password);
    if (weak) throw new HttpError(400, 'weak_password', weak);
    const created = await this.directory.create({ username: req.username, role: req.role, passwordHash: await this.passwords.hash(req.password) });
    if (!created) throw new HttpError(409, 'username_taken', `The username ${req.username} is taken.`);
    await this.audit.record({ staffId: actor.id, action: 'staff.create', subjectType: 'staff', subjectId: created.username, detail: { role: created.role } });
    return accountView(created);
  }

  async update(actor: StaffPrincipal, username: string, req: UpdateStaffRequest): Promise<StaffAccountView> {
    const account = await this.directory.findByUsername(username);
    if (!account) throw unknownAccount(username);
    if (account.id === actor.id && (req.role !== undefined || req.disabled === true))
      throw new HttpError(409, 'own_account', 'You cannot change your own role or disable your own account; ask another admin.');
    if (req.password !== undefined) {
      const weak = passwordProblem(req.password);
      if (weak) throw new HttpError(400, 'weak_password', weak);
      await this.directory.setPassword(username, await this.passwords.hash(req.password));
      await this.audit.record({ staffId: actor.id, action: 'staff.reset_password', subjectType: 'staff', subjectId: username });
    } else if (req.role !== undefined) {
      await this.directory.setRole(username, req.role);
      await this.audit.record({ staffId: actor.id, action: 'staff.set_role', subjectType: 'staff', subjectId: username, detail: { from: account.role, to: req.role } });
    } else if (req.disabled !== undefined) {
      await (req.disabled ? this.directory.disable(username) : this.directory.enable(username));
      await this.audit.record({ staffId: actor.id, action: req.disabled ? 'staff.disable' : 'staff.enable', subjectType: 'staff', subjectId: username });
    }
    const after = await this.directory.findByUsername(username);
    if (!after) throw unknownAccount(username);
    return accountView(after);
  }
}
