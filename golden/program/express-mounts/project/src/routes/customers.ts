import { Router } from 'express';
import * as customers from '../controllers/customers.controller';
import { requireStaff } from '../services/staff';

const router = Router();

router.get('/', customers.list);
router.get('/:id', customers.show);
router.post('/', requireStaff, customers.create);

export default router;
