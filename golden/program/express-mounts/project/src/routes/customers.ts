import { Router } from 'express';
import * as customers from '../controllers/customers.controller';
import { auditTrail } from '../services/log';
import { requireStaff } from '../services/staff';

const router = Router();

router.get('/', customers.list);
router.get('/:id', customers.show);
router.post('/', requireStaff, customers.create);
// Registered after the routes: it runs before none of them.
router.use(auditTrail);

export default router;
