import express from 'express';
import { billingRoutes } from './routes/billing';
import customerRoutes from './routes/customers';
import { logRequest, rateLimit } from './services/log';

const app = express();

app.use(express.json());
// Runs before every route registered after it, mounted ones included.
app.use(logRequest);
app.use('/api/customers', customerRoutes);
// Runs before the billing routes only.
app.use('/api', rateLimit, billingRoutes);
app.get('/status', (_req, res) => res.send('up'));

app.listen(8080);
