import type { RuleCases } from '../types';

const app = 'from flask import request\nfrom pymongo import MongoClient\ndb = MongoClient().shop\n';

export const cases: RuleCases = {
  ruleId: 'PSG142',
  valid: [
    { name: 'values converted to strings', code: `${app}def login():\n    data = request.get_json()\n    return db.users.find_one({"name": str(data["name"]), "password": str(data["password"])})\n` },
    { name: 'a string from the query string cannot be an operator', code: `${app}def view():\n    return db.users.find_one({"name": request.args["name"]})\n` },
    { name: 'an ObjectId', code: `${app}from bson import ObjectId\ndef view():\n    return db.items.find_one({"_id": ObjectId(request.get_json()["id"])})\n` },
    { name: 'a constant $where', code: `${app}def view():\n    return db.items.find({"$where": "this.stock > 0"})\n` },
    { name: 'str.find in a Mongo file', code: `${app}def view():\n    return str("abc".find(request.args["q"]))\n` },
    { name: 'a filter from a parameter: unknown origin is not reported', code: 'from pymongo import MongoClient\ndef lookup(coll, query):\n    return coll.find(query)\n' },
    { name: 'a find() in a file without MongoDB', code: 'from flask import request\ndef view(index):\n    return index.find(request.get_json())\n' },
    { name: 'test code', code: 'from pymongo import MongoClient\ndef test_where(coll, name):\n    coll.find({"$where": f"this.name == \'{name}\'"})\n' },
    { name: 'an int from JSON', code: `${app}def view():\n    return db.items.find_one({"sku": int(request.json["sku"])})\n` },
  ],
  invalid: [
    {
      name: 'login bypass: JSON values in the filter',
      code: `${app}def login():\n    data = request.get_json()\n    return db.users.find_one({"name": data["name"], "password": data["password"]})\n`,
      findings: [
        { text: 'data["name"]', confidence: 'high', message: '{"$ne": null}' },
        { text: 'data["password"]', confidence: 'high' },
      ],
      output: `${app}def login():\n    data = request.get_json()\n    return db.users.find_one({"name": str(data["name"]), "password": data["password"]})\n`,
      applicability: 'unsafe',
    },
    {
      name: 'the whole filter from the request body',
      code: `${app}def search():\n    return list(db.items.find(request.json))\n`,
      findings: [{ text: 'request.json', confidence: 'high', message: 'as the whole query' }],
      output: null,
    },
    {
      name: 'the query string as a dict',
      code: `${app}def search():\n    return list(db.items.find(request.args.to_dict()))\n`,
      findings: [{ text: 'request.args.to_dict()', confidence: 'high' }],
    },
    {
      name: '$where built with an f-string',
      code: `${app}def view():\n    name = request.args["name"]\n    return list(db.users.find({"$where": f"this.name == '{name}'"}))\n`,
      findings: [{ text: `f"this.name == '{name}'"`, confidence: 'high', message: 'JavaScript' }],
      output: null,
    },
    {
      name: '$where from a parameter: low confidence',
      code: 'from pymongo import MongoClient\ndef by_name(coll, name):\n    return coll.find({"$where": "this.name == \'" + name + "\'"})\n',
      findings: [{ text: `"this.name == '" + name + "'"`, confidence: 'low' }],
    },
    {
      name: 'a key from the request',
      code: `${app}def view():\n    return db.items.find_one({request.args["field"]: request.args["value"]})\n`,
      findings: [{ text: 'request.args["field"]', confidence: 'high', message: 'as a filter key' }],
      output: null,
    },
    {
      name: 'a filter built in a variable from json.loads',
      code: `${app}import json\ndef view():\n    body = json.loads(request.data)\n    query = {"owner": body["owner"]}\n    return db.items.delete_many(query)\n`,
      findings: [{ text: 'body["owner"]', confidence: 'high' }],
      output: `${app}import json\ndef view():\n    body = json.loads(request.data)\n    query = {"owner": str(body["owner"])}\n    return db.items.delete_many(query)\n`,
    },
    {
      name: 'an aggregation pipeline',
      code: `${app}def report():\n    data = request.get_json()\n    return list(db.orders.aggregate([{"$match": {"customer": data["customer"]}}]))\n`,
      findings: [{ text: 'data["customer"]', confidence: 'high' }],
    },
    {
      name: 'Flask-PyMongo on a collection the file does not show',
      code: 'from flask import request\nfrom flask_pymongo import PyMongo\ndef view(users):\n    return users.find_one({"token": request.get_json()["token"]})\n',
      findings: [{ text: 'request.get_json()["token"]', confidence: 'high' }],
    },
    {
      name: 'nested operator object',
      code: `${app}def view():\n    data = request.get_json()\n    return db.items.find({"price": {"$lt": data["max"]}})\n`,
      findings: [{ text: 'data["max"]', confidence: 'high' }],
    },
  ],
};
