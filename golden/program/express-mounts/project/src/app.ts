import express from 'express';
import { billingRoutes } from './routes/billing';
import customerRoutes from './routes/customers';

const app = express();

app.use(express.json());
app.use('/api/customers', customerRoutes);
app.use('/api', billingRoutes);
app.get('/status', (_req, res) => res.send('up'));

app.listen(8080);
