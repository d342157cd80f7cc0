// Runs before every test file (vitest.config.ts setupFiles).
import { useCheapPasswordHashingForTests } from '../core/auth/passwords.ts';

useCheapPasswordHashingForTests();
